import { afterEach, describe, expect, it } from "vitest";
import { getEnv, isPublicDemo, resetEnvCache } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = {
    ...saved,
    AUTH_SECRET: undefined,
    DATABASE_URL: undefined,
    APP_MODE: undefined,
    ...vars,
  };
  resetEnvCache();
}

describe("getEnv", () => {
  it("defaults to demo mode with nothing set", () => {
    withEnv({});
    expect(getEnv()).toMatchObject({ APP_MODE: "demo", DATA_DIR: ".data", TRUSTED_PROXY_HOPS: 0 });
  });

  it("prepares statements unless DATABASE_PREPARE is false; another word is refused", () => {
    withEnv({});
    expect(getEnv().DATABASE_PREPARE).toBe(true);
    withEnv({ DATABASE_PREPARE: "false" });
    expect(getEnv().DATABASE_PREPARE).toBe(false);
    withEnv({ DATABASE_PREPARE: "no" });
    expect(() => getEnv()).toThrow(/DATABASE_PREPARE/);
  });

  it("production refuses to start without its secrets, naming them", () => {
    withEnv({ APP_MODE: "production" });
    expect(() => getEnv()).toThrow(
      /AUTH_SECRET, DATABASE_URL, SMTP_URL, LEDGER_SIGNING_JWKS, CREDENTIAL_SIGNING_JWKS/,
    );
    withEnv({
      APP_MODE: "production",
      DATABASE_URL: "postgres://db/x",
      SMTP_URL: "smtp://mail.example.cn",
      AUTH_SECRET: "short",
    });
    expect(() => getEnv()).toThrow(/AUTH_SECRET/);
  });

  it("production starts with them", () => {
    withEnv({
      APP_MODE: "production",
      DATABASE_URL: "postgres://db/x",
      SMTP_URL: "smtp://mail.example.cn",
      AUTH_SECRET: "s".repeat(40),
      LEDGER_SIGNING_JWKS: "{}",
      CREDENTIAL_SIGNING_JWKS: "{}",
    });
    expect(getEnv().APP_MODE).toBe("production");
  });

  it("names a malformed variable; empty strings count as unset", () => {
    withEnv({ PUBLIC_BASE_URL: "not a url" });
    expect(() => getEnv()).toThrow(/PUBLIC_BASE_URL/);
    withEnv({ SMTP_URL: "", APP_MODE: "" });
    expect(getEnv().SMTP_URL).toBeUndefined();
  });
});

describe("isPublicDemo", () => {
  it("is false for the demo on this machine only (unset or a loopback address)", () => {
    for (const host of [undefined, "127.0.0.1", "::1", "localhost", "LOCALHOST"]) {
      withEnv({ DEMO_HOST: host });
      expect(isPublicDemo(), String(host)).toBe(false);
    }
  });

  it("is true for a demo listening on any other address", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "demo.example.cn"]) {
      withEnv({ DEMO_HOST: host });
      expect(isPublicDemo(), host).toBe(true);
    }
  });

  it("is false in production whatever DEMO_HOST says (production has no mailbox at all)", () => {
    withEnv({
      APP_MODE: "production",
      DATABASE_URL: "postgres://db/x",
      SMTP_URL: "smtp://mail.example.cn",
      AUTH_SECRET: "x".repeat(32),
      LEDGER_SIGNING_JWKS: "{}",
      CREDENTIAL_SIGNING_JWKS: "{}",
      DEMO_HOST: "0.0.0.0",
    });
    expect(isPublicDemo()).toBe(false);
  });
});
