// GET /api/health – 200 once the database is open and migrated, 503 otherwise
import { connection, NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

export async function GET() {
  await connection();
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
