import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { MAX_IMAGE_BYTES, readStored, saveImage, sniffImageType } from "./index";

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
const text = (s: string) => new TextEncoder().encode(s);

// Real 1×1 images (PNG, GIF, lossless WebP) and the JFIF header a JPEG file opens with.
const png = b64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
);
const gif = b64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
const webp = b64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
const jpeg = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const html = text("<!doctype html><script>alert(document.cookie)</script>");

let dataDir = "";
const savedDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "cbx-storage-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
});

afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  resetEnvCache();
  await rm(dataDir, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("sniffImageType", () => {
  it.each([
    ["png", png, "image/png"],
    ["jpg", jpeg, "image/jpeg"],
    ["gif", gif, "image/gif"],
    ["webp", webp, "image/webp"],
  ] as const)("recognises %s from its first bytes", (ext, bytes, contentType) => {
    expect(sniffImageType(bytes)).toEqual({ ext, contentType });
  });

  it("recognises GIF87a too", () => {
    expect(sniffImageType(text("GIF87a\x01\x00\x01\x00"))?.ext).toBe("gif");
  });

  it.each([
    ["text", text("hello, world")],
    ["HTML", html],
    ["SVG", svg],
    ["empty", new Uint8Array()],
    ["a truncated PNG signature", png.slice(0, 7)],
    ["a RIFF file that is not WebP (WAV)", text("RIFF\x24\x00\x00\x00WAVEfmt ")],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});

describe("saveImage", () => {
  it("stores the bytes under covers/<uuid>.<sniffed ext> and reads them back", async () => {
    const saved = await saveImage(png, "image/png");
    expect(saved.key).toMatch(/^covers\/[0-9a-f-]{36}\.png$/);
    expect(saved).toMatchObject({ contentType: "image/png", size: png.length });
    const onDisk = await readFile(path.join(dataDir, "uploads", saved.key));
    expect(new Uint8Array(onDisk)).toEqual(png);
    expect(await readStored(saved.key)).toEqual({ bytes: onDisk, contentType: "image/png" });
  });

  it("takes the type from the bytes, not the declared type or a missing one", async () => {
    expect((await saveImage(webp, "image/png")).key).toMatch(/\.webp$/);
    expect((await saveImage(gif)).contentType).toBe("image/gif");
    expect((await saveImage(jpeg, "application/octet-stream")).key).toMatch(/\.jpg$/);
  });

  it("leaves no temporary files behind", async () => {
    await saveImage(png);
    const names = await readdir(path.join(dataDir, "uploads", "covers"));
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it.each([
    ["text", text("just some text"), "text/plain"],
    ["HTML named .png", html, "image/png"],
    ["SVG", svg, "image/svg+xml"],
    ["empty", new Uint8Array(), "image/png"],
    ["PNG bytes the browser calls SVG", png, "image/svg+xml"],
    ["PNG bytes the browser calls HTML", png, "text/html; charset=utf-8"],
  ])("refuses %s as invalid_format on the cover field", async (_name, bytes, declared) => {
    const e = await refusal(saveImage(bytes, declared));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.fields).toEqual({ cover: { code: "invalid_format" } });
  });

  it("accepts exactly 2 MiB and refuses one byte more as too_long", async () => {
    const exact = new Uint8Array(MAX_IMAGE_BYTES);
    exact.set(png);
    expect((await saveImage(exact)).size).toBe(2_097_152);

    const over = new Uint8Array(MAX_IMAGE_BYTES + 1);
    over.set(png);
    const e = await refusal(saveImage(over, "image/png"));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.fields).toEqual({ cover: { code: "too_long", max: 2_097_152 } });
  });
});

describe("readStored", () => {
  it("returns null for a well-formed key that was never stored", async () => {
    expect(await readStored("covers/00000000-0000-4000-8000-000000000000.png")).toBeNull();
  });

  it.each([
    "../../etc/passwd",
    "covers/../../../etc/passwd",
    "/etc/passwd",
    "covers//etc/passwd",
    "covers/..%2F..%2Fetc%2Fpasswd",
    "covers/00000000-0000-4000-8000-000000000000.svg",
    "covers/00000000-0000-4000-8000-000000000000.png/..",
    "other/00000000-0000-4000-8000-000000000000.png",
    "covers/00000000-0000-4000-8000-000000000000.png.tmp",
    "COVERS/00000000-0000-4000-8000-000000000000.PNG",
    "",
  ])("refuses the key %j without touching the disk", async (key) => {
    expect(await readStored(key)).toBeNull();
  });

  it("does not serve a stored file whose bytes are no longer an image", async () => {
    const { key } = await saveImage(png);
    await writeFile(path.join(dataDir, "uploads", key), html);
    expect(await readStored(key)).toBeNull();
  });
});
