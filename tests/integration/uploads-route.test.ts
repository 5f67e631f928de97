import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as NextServer from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/uploads/[...key]/route";
import { resetEnvCache } from "@/lib/env";
import { saveImage } from "@/lib/storage";

// connection() only marks the handler as per-request for Next's prerenderer; outside a Next
// request scope it throws, so it is a no-op here and everything after it runs for real.
const connection = vi.hoisted(() => vi.fn(async () => {}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof NextServer>()),
  connection,
}));

// A real 1×1 PNG.
const png = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

let dataDir = "";
const savedDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "cbx-uploads-route-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
});

afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  resetEnvCache();
  await rm(dataDir, { recursive: true, force: true });
});

function get(key: string) {
  const segments = key.split("/");
  return GET(new Request(`http://exchange.test/uploads/${key}`), {
    params: Promise.resolve({ key: segments }),
  });
}

describe("GET /uploads/[...key]", () => {
  it("serves a saved image with its sniffed type, inert and cacheable forever", async () => {
    // Declared type deliberately unhelpful: the route must still answer image/png.
    const saved = await saveImage(png, "application/octet-stream");
    const res = await get(saved.key);

    expect(res.status).toBe(200);
    expect(connection).toHaveBeenCalled();
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get("content-length")).toBe(String(png.length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
  });

  it.each([
    "../../etc/passwd",
    "covers/../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "covers/00000000-0000-4000-8000-000000000000.png",
    "covers/not-a-uuid.png",
  ])("answers 404 JSON for %s", async (key) => {
    const res = await get(key);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: expect.any(String) },
    });
  });
});
