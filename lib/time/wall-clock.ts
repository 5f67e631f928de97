import { TZDate, tzOffset } from "@date-fns/tz";

/**
 * Wall-clock times of a zone ↔ instants, for `datetime-local` form fields: staff type the time
 * as lived in the alliance's zone. The offset comes from @date-fns/tz (the runtime's IANA data).
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** "+08:00" / "-03:30" for an offset in minutes. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2027-03-01T09:00" read in `timeZone` → ISO 8601 with that zone's offset at that moment
 * ("2027-03-01T09:00:00+08:00"), or null when it is not a real date and time. A time skipped by a
 * summer-time change (02:30 on the spring-forward night) is moved forward by the gap, as
 * @date-fns/tz does; the ISO string then names the time that actually exists.
 */
export function wallClockToIso(text: string, timeZone: string): string | null {
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  if (mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || s! > 59) return null;
  const local = new TZDate(y!, mo! - 1, d!, h!, mi!, s!, timeZone);
  if (local.getMonth() !== mo! - 1 || local.getDate() !== d!) return null; // 30 February
  const at = new Date(local.getTime());
  const wall = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  const time = `${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;
  return `${wall}T${time}${offsetText(tzOffset(timeZone, at))}`;
}

/** An instant → its `datetime-local` wall-clock value in `timeZone` ("2027-03-01T09:00"). */
export function isoToWallClock(date: Date | string, timeZone: string): string {
  const local = new TZDate(new Date(date).getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}
