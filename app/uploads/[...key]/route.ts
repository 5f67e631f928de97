// GET /uploads/<key> – serve an uploaded image under its sniffed type, inert in the browser
import { connection, NextResponse } from "next/server";
import { readStored } from "@/lib/storage";

// Even if opened directly, the file may load nothing, run nothing and be framed nowhere.
// proxy.ts leaves this route's policy alone (pages get a script nonce policy instead).
const UPLOAD_CSP = "default-src 'none'; frame-ancestors 'none'";

export async function GET(_req: Request, ctx: { params: Promise<{ key: string[] }> }) {
  await connection();
  const { key } = await ctx.params;
  const stored = await readStored(key.join("/"));
  if (!stored) {
    return NextResponse.json(
      { error: { code: "NOT_FOUND", message: "No such upload" } },
      { status: 404, headers: { "Content-Security-Policy": UPLOAD_CSP } },
    );
  }
  return new Response(stored.bytes, {
    headers: {
      "Content-Type": stored.contentType,
      "Content-Length": String(stored.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      // Keys are fresh UUIDs: a key's bytes never change, so caches may keep them forever.
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": UPLOAD_CSP,
    },
  });
}
