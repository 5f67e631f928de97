import { hashBody } from "@/lib/api/canonical-json";
import type { AchievementCredential } from "./payload";

type Achievement = AchievementCredential["credentialSubject"]["achievement"];
export type SharedAchievement = { hash: string; body: Achievement };
type Subject = AchievementCredential["credentialSubject"];
export type StoredPayload = Omit<AchievementCredential, "credentialSubject"> & {
  credentialSubject: Omit<Subject, "achievement">;
};

// The hash of each achievement met lately, by its JSON: a pure function of the content, so safe
// to keep across batches and databases (canonicalising ~2 KB for every batch showed in profiles).
const hashes = new Map<string, string>();
const MAX_HASHES = 1_000;

/**
 * A credential as stored: its payload without the achievement, and the achievement as a shared
 * row named by its hash (db/schema/completions.ts, `credential_achievements`). Every learner of
 * one course version carries the same ~2 KB achievement; written once instead of per credential,
 * it took a fifth off the cost of recording a pass (docs/BENCHMARKS.md, "Ledger deposits").
 * `seen` gathers a batch's achievements by their JSON, so each is canonicalised and hashed once.
 */
export function splitCredential(
  payload: AchievementCredential,
  seen: Map<string, SharedAchievement>,
): { payload: StoredPayload; achievementHash: string } {
  const { achievement, ...subject } = payload.credentialSubject;
  const key = JSON.stringify(achievement);
  let shared = seen.get(key);
  if (!shared) {
    let hash = hashes.get(key);
    if (!hash) {
      if (hashes.size >= MAX_HASHES) hashes.clear();
      hash = hashBody(achievement);
      hashes.set(key, hash);
    }
    shared = { hash, body: achievement };
    seen.set(key, shared);
  }
  return { payload: { ...payload, credentialSubject: subject }, achievementHash: shared.hash };
}

/** The whole credential from its stored parts (a credential from before 0011 is whole already). */
export function wholeCredential(payload: unknown, achievement: unknown): AchievementCredential {
  const p = payload as AchievementCredential;
  if (achievement == null) return p;
  return {
    ...p,
    credentialSubject: { ...p.credentialSubject, achievement: achievement as Achievement },
  };
}
