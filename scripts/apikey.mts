// npm run apikey -- --institution <slug> --scopes catalogue:read,resources:write [--name "…"]
// Create an API key for a member institution as the operator (audited with no actor); the key is
// printed once and stored only as a hash.
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { apiScopes } from "@/db/schema/api";
import { createApiKeyAsOperator } from "@/lib/api/keys";
import { isAppError } from "@/lib/errors";
import { describeFieldErrors } from "@/lib/validation";

const usage = `Usage: npm run apikey -- --institution <slug> --scopes <scope,…> [--name "<name>"]
Scopes: ${apiScopes.join(", ")}`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      institution: { type: "string" },
      scopes: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
if (!args.institution) fail("Missing --institution <slug>.");
if (!args.scopes) fail("Missing --scopes <scope,…>.");

try {
  const created = await createApiKeyAsOperator({
    institutionSlug: args.institution,
    name: args.name ?? `Created on the command line ${new Date().toISOString().slice(0, 10)}`,
    scopes: args.scopes.split(",").filter((s) => s.trim() !== ""),
  });
  console.log(`API key "${created.name}" for ${args.institution} (${created.scopes.join(", ")}):`);
  console.log(`\n  ${created.key}\n`);
  console.log("Copy it now: it is not stored and cannot be shown again.");
} catch (e) {
  if (isAppError(e)) {
    console.error(e.fields ? `Invalid input: ${describeFieldErrors(e.fields)}` : e.message);
    if (e.fields?.scopes) {
      const known: readonly string[] = apiScopes;
      const unknown = args.scopes.split(",").filter((s) => !known.includes(s.trim()));
      console.error(`Unknown scopes: ${unknown.join(", ") || "(none given)"}`);
      console.error(`Known scopes: ${apiScopes.join(", ")}`);
    }
  } else {
    console.error(e instanceof Error ? e.message : e);
  }
  process.exitCode = 1;
} finally {
  await closeDb();
}
