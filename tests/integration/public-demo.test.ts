import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import MailboxPage from "@/app/[locale]/mailbox/page";
import { DemoBanner } from "@/components/layout/demo-banner";
import { hasDemoMailbox, resetEnvCache } from "@/lib/env";

// Outside a Next request there is no locale: words come back as their keys.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string) => key,
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
}));

// next-auth does not load outside Next; the mailbox has no business with the session anyway.
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => null }));

// The page's guard is what is tested here; the mailbox query has its own tests (mail.test.ts).
vi.mock("@/lib/mail/queries", () => ({
  listMailbox: async () => [
    {
      id: "m1",
      to: "learner@example.test",
      subject: "Reset your password",
      text: "Open http://exchange.test/en/reset-password/secret-token",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    },
  ],
}));

const scripts = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The arguments `npm run demo:start` would give to node, with DEMO_HOST as given. */
function demoStartArgs(demoHost?: string): string[] {
  const env = { ...process.env, DEMO_HOST: demoHost };
  if (demoHost === undefined) delete env.DEMO_HOST;
  // A shell function named `node` shadows the binary: it prints its arguments, one a line.
  const script = `node() { printf '%s\\n' "$@"; }; ${scripts["demo:start"]}`;
  return execFileSync("sh", ["-c", script], { env, encoding: "utf8" }).trim().split("\n");
}

function hostOf(args: string[]): string | undefined {
  const i = args.indexOf("-H");
  return i >= 0 ? args[i + 1] : undefined;
}

const withDemoHost = (host: string | undefined) => {
  if (host === undefined) delete process.env.DEMO_HOST;
  else process.env.DEMO_HOST = host;
  resetEnvCache();
};

afterEach(() => withDemoHost(undefined));

const notFoundError = expect.objectContaining({
  digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
});

describe("[SECURITY] the demo is for the person at the machine", () => {
  it("npm run demo starts Next on the loopback address unless DEMO_HOST says otherwise", () => {
    expect(scripts.demo).toMatch(/&& npm run demo:start$/);
    const local = demoStartArgs();
    expect(local.slice(0, 2)).toEqual(["node_modules/next/dist/bin/next", "start"]);
    expect(hostOf(local)).toBe("127.0.0.1");
    expect(hostOf(demoStartArgs("0.0.0.0"))).toBe("0.0.0.0");
  });

  it("npm start (production) is left to listen where the operator's platform says", () => {
    expect(scripts.start).not.toMatch(/-H|--hostname/);
  });

  it("with DEMO_HOST=0.0.0.0 the mailbox page does not exist (nor the header link, which follows hasDemoMailbox)", async () => {
    withDemoHost("0.0.0.0");
    expect(hasDemoMailbox()).toBe(false);
    await expect(MailboxPage({ searchParams: Promise.resolve({}) })).rejects.toEqual(notFoundError);
  });

  it("on the machine the mailbox page lists the demo's mail", async () => {
    withDemoHost("127.0.0.1");
    expect(hasDemoMailbox()).toBe(true);
    const html = renderToStaticMarkup(await MailboxPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain("http://exchange.test/en/reset-password/secret-token");
  });

  it("a public demo carries the demo banner on every page; the one at the machine does not", async () => {
    withDemoHost("0.0.0.0");
    const banner = await DemoBanner();
    expect(banner).not.toBeNull();
    const html = renderToStaticMarkup(banner);
    expect(html).toContain("demoBadge");
    expect(html).toContain("publicDemo");
    withDemoHost(undefined);
    expect(await DemoBanner()).toBeNull();
  });
});
