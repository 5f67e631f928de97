import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { jobHandlers } from "@/lib/jobs/handlers";
import type { JobHandlers } from "@/lib/jobs/run-batch";

export type JobRow = { id: string; name: string; state: string; data: Record<string, unknown> };

/** Jobs whose payload names one of `ids` (PostgreSQL runs share the database across files). */
export async function jobsNaming(key: string, ids: string[]): Promise<JobRow[]> {
  return selectRows<JobRow>(
    await getDb(),
    sql`select id, name, state, data from pgboss.job where data->>${key} in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

/** The real handlers with search sync replaced by a recorder of the resource ids it saw. */
export function recordingSearchSync(seen: string[], fail?: (id: string) => boolean): JobHandlers {
  return {
    ...jobHandlers,
    "search.sync": async (payloads) => {
      for (const p of payloads) {
        if (fail?.(p.resourceId)) throw new Error(`engine down for ${p.resourceId}`);
      }
      seen.push(...payloads.map((p) => p.resourceId));
    },
  };
}

export const newIds = (n: number): string[] => Array.from({ length: n }, () => randomUUID());

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `done()` holds (background workers), failing after `ms`. */
export async function eventually(done: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await sleep(100);
  }
}
