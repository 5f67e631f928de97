import { TZDate } from "@date-fns/tz";

/** The day the learner completed, as the alliance's midnight of that day with its offset. */
export function activityEnd(completedOn: string, timeZone: string): string {
  const key = `${completedOn}|${timeZone}`;
  const known = activityEnds.get(key);
  if (known) return known;
  if (activityEnds.size > 1000) activityEnds.clear();
  const [y, m, d] = completedOn.split("-").map((p) => Number.parseInt(p, 10)) as [
    number,
    number,
    number,
  ];
  const iso = new TZDate(y, m - 1, d, timeZone).toISOString();
  activityEnds.set(key, iso);
  return iso;
}
// A batch of results mostly shares a day; a TZDate costs more than the rest of the payload.
const activityEnds = new Map<string, string>();
