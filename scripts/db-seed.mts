// npm run db:seed [-- --shared-data] – write the demo alliance and catalogue (idempotent) and
// print the demo logins; --shared-data also imports SJTU's and USTC's real course lists.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { seedDemoCatalogue, seedSharedData } from "@/db/seed-catalogue";
import { getEnv } from "@/lib/env";
import { progressBar } from "./progress";

const { values } = parseArgs({ options: { "shared-data": { type: "boolean", default: false } } });
if (getEnv().APP_MODE !== "demo") {
  console.error("db:seed writes demo logins with a published password: it runs in demo mode only.");
  process.exit(1);
}
try {
  const db = await getDb();
  const logins = await seedDemo(db);
  const created = await seedDemoCatalogue(db);
  console.log(`Demo catalogue: ${created} resources published.`);
  if (values["shared-data"]) {
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const result = await seedSharedData((label, n, total) => {
      if (!bars.has(label)) bars.set(label, progressBar(total, label));
      bars.get(label)!.update(n);
    });
    for (const b of bars.values()) b.done();
    for (const [slug, r] of Object.entries(result)) {
      console.log(
        `  ${slug}: ${r.created} imported, ${r.skipped} already there, ${r.refused} refused`,
      );
    }
  }
  console.log("Demo data is ready. Demo logins (password for all: %s):", DEMO_PASSWORD);
  for (const l of logins) console.log(`  ${l.email.padEnd(26)} ${l.describe}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
