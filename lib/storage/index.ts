import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Uploaded files, kept outside the build under DATA_DIR/uploads. The one place that knows where
 * and how they are stored: swapping to object storage means rewriting this file only.
 */

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const imageTypes = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
} as const;
type ImageExt = keyof typeof imageTypes;
export type ImageType = { ext: ImageExt; contentType: (typeof imageTypes)[ImageExt] };

// Keys are only ever ones we made: a fixed folder, a UUID, a known extension. Nothing else can
// reach the file system, so `..`, absolute paths and encoded tricks have nothing to match.
const keyPattern =
  /^covers\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|gif)$/;

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/**
 * The image type from the file's own first bytes, never from its name or declared type. SVG is
 * deliberately absent: it is XML that can carry script.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type("png");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return type("jpg");
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return type("gif");
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return type("webp");
  return null;
}

function type(ext: ImageExt): ImageType {
  return { ext, contentType: imageTypes[ext] };
}

export function isStorageKey(key: string): boolean {
  return keyPattern.test(key);
}

function uploadsDir(): string {
  return path.join(getEnv().DATA_DIR, "uploads");
}

function refuse(issue: { code: "invalid_format" } | { code: "too_long"; max: number }): AppError {
  return new AppError("BAD_REQUEST", "validation", `Invalid input: cover: ${issue.code}`, {
    fields: { cover: issue },
  });
}

/**
 * Store an uploaded cover image. The bytes decide the type; a declared type is only used to
 * refuse a file the browser itself calls something else (an SVG or HTML polyglot that happens
 * to start with image magic bytes).
 */
export async function saveImage(
  bytes: Uint8Array,
  declaredType?: string,
): Promise<{ key: string; contentType: string; size: number }> {
  if (bytes.length > MAX_IMAGE_BYTES) throw refuse({ code: "too_long", max: MAX_IMAGE_BYTES });
  const sniffed = sniffImageType(bytes);
  if (!sniffed || !isAcceptableDeclaredType(declaredType)) throw refuse({ code: "invalid_format" });

  const key = `covers/${randomUUID()}.${sniffed.ext}`;
  const target = path.join(uploadsDir(), key);
  await mkdir(path.dirname(target), { recursive: true });
  // Write then rename (atomic within one file system): a reader never sees half a file.
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return { key, contentType: sniffed.contentType, size: bytes.length };
}

function isAcceptableDeclaredType(declared: string | undefined): boolean {
  const t = declared?.split(";")[0]?.trim().toLowerCase();
  // Browsers send "" or octet-stream for extensions they do not know: no claim either way.
  if (!t || t === "application/octet-stream") return true;
  return (Object.values(imageTypes) as string[]).includes(t);
}

/**
 * A stored file and its type, sniffed again from the bytes (a file changed on disk is not served
 * under a type it no longer has); null for a malformed or unknown key.
 */
export async function readStored(
  key: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string } | null> {
  if (!isStorageKey(key)) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readFile(path.join(uploadsDir(), key));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const sniffed = sniffImageType(bytes);
  return sniffed ? { bytes, contentType: sniffed.contentType } : null;
}
