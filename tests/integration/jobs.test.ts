import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { openJobs } from "@/lib/jobs/open";
import { drainJobs, startWorkers } from "@/lib/jobs/workers";
import { countJobs, listDeadLetters, retryDeadLetter } from "@/lib/jobs/dead-letters";
import { refreshSearchRow } from "@/lib/search/documents";
import { editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";
import { eventually, jobsNaming, newIds, recordingSearchSync, sleep } from "../support/jobs";

const count = (seen: string[], id: string) => seen.filter((x) => x === id).length;

describe("[JOBS] background work on pg-boss", () => {
  it("a job is sent inside the transaction: a rollback sends nothing, a commit runs once", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    const db = await getDb();
    const seen: string[] = [];
    await drainJobs(recordingSearchSync(seen), ["search.sync"]); // what publishing queued
    expect(count(seen, r.id)).toBeGreaterThan(0); // search sync runs on every engine
    seen.length = 0;

    await expect(
      db.transaction(async (tx) => {
        await refreshSearchRow(tx, r.id);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await drainJobs(recordingSearchSync(seen), ["search.sync"]);
    expect(count(seen, r.id)).toBe(0);

    await db.transaction((tx) => refreshSearchRow(tx, r.id));
    await drainJobs(recordingSearchSync(seen), ["search.sync"]);
    await drainJobs(recordingSearchSync(seen), ["search.sync"]);
    expect(count(seen, r.id)).toBe(1);
    const jobs = await jobsNaming("resourceId", [r.id]);
    expect(jobs.every((j) => j.state === "completed")).toBe(true);
  });

  it("two workers share the queue and never run one job twice", async () => {
    const ids = newIds(120);
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (const resourceId of ids) await enqueue(tx, "search.sync", { resourceId });
    });
    const seen: string[] = [];
    const handlers = recordingSearchSync(seen);
    await Promise.all([drainJobs(handlers, ["search.sync"]), drainJobs(handlers, ["search.sync"])]);
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine.sort()).toEqual([...ids].sort());
  });

  it("a job whose worker stalled past its expiry is run again by another worker", async () => {
    const [resourceId] = newIds(1);
    const boss = await openJobs();
    // A short expiry, as a crashed worker's lease would run out.
    await boss.send("search.sync", { resourceId }, { expireInSeconds: 1 });
    const [held] = await boss
      .fetch<{ resourceId: string }>("search.sync", { batchSize: 1000 })
      .then((jobs) => jobs.filter((j) => j.data.resourceId === resourceId));
    expect(held).toBeDefined();
    // Within the expiry nobody else gets it.
    expect(
      (await boss.fetch<{ resourceId: string }>("search.sync", { batchSize: 1000 })).some(
        (j) => j.data.resourceId === resourceId,
      ),
    ).toBe(false);
    await sleep(1_500);
    // Supervision (every second in tests, 30 s by default) finds the expired job and retries it.
    const seen: string[] = [];
    await eventually(async () => {
      await drainJobs(recordingSearchSync(seen), ["search.sync"]);
      return seen.includes(resourceId!);
    }, 60_000);
    expect(count(seen, resourceId!)).toBe(1);
  }, 90_000);

  it("a batch failing part-way settles the good jobs; the bad one retries, then waits as a dead letter the admin retries", async () => {
    const [bad, good] = newIds(2) as [string, string];
    const boss = await openJobs();
    for (const resourceId of [bad, good]) {
      await boss.send(
        "search.sync",
        { resourceId },
        { retryLimit: 1, retryDelay: 1, retryBackoff: false },
      );
    }
    const seen: string[] = [];
    let failing = true;
    const handlers = recordingSearchSync(seen, (id) => failing && id === bad);
    await drainJobs(handlers, ["search.sync"]);
    expect(seen).toContain(good);
    expect(seen).not.toContain(bad);
    // Its one retry, after the delay, fails too: it is dead-lettered with its error.
    await sleep(1_200);
    await drainJobs(handlers, ["search.sync"]);
    const { admin } = await editorAndAdmin();
    let letter;
    await eventually(async () => {
      letter = (await listDeadLetters(admin)).find(
        (d) => (d.payload as { resourceId?: string }).resourceId === bad,
      );
      return letter !== undefined;
    });
    expect(letter).toMatchObject({ topic: "search.sync", error: `engine down for ${bad}` });
    expect((await countJobs()).deadLetters).toBeGreaterThan(0);

    failing = false;
    await retryDeadLetter(admin, { id: letter!.id });
    await drainJobs(handlers, ["search.sync"]);
    expect(count(seen, bad)).toBe(1);
    expect((await listDeadLetters(admin)).some((d) => d.id === letter!.id)).toBe(false);
  });

  it("workers started in the process pick up committed jobs by polling", async () => {
    const ids = newIds(5);
    const seen: string[] = [];
    const stop = await startWorkers(recordingSearchSync(seen));
    try {
      const db = await getDb();
      await db.transaction(async (tx) => {
        for (const resourceId of ids) await enqueue(tx, "search.sync", { resourceId });
      });
      await eventually(async () => ids.every((id) => seen.includes(id)));
    } finally {
      await stop();
    }
    expect(ids.map((id) => count(seen, id))).toEqual(ids.map(() => 1));
  });

  it("a payload that can never be valid is refused at enqueue", async () => {
    const db = await getDb();
    await expect(
      db.transaction((tx) => enqueue(tx, "search.sync", { resourceId: "not-a-uuid" })),
    ).rejects.toThrow();
  });
});
