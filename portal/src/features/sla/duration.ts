/**
 * ISO-8601 durations as the SLA policies carry them (`PT15M`, `P3D`, `PT72H`) or plain seconds,
 * checked in the browser so the policy editor can flag a typo before the round trip.
 */
const iso =
  /^P(?!$)(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in a duration, or null when it is not a valid ISO-8601 duration or number of seconds. */
export const durationSeconds = (text: string | number): number | null => {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : null;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = iso.exec(trimmed.toUpperCase());
  if (!match) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part) : 0));
  return (
    (weeks ?? 0) * 604_800 + (days ?? 0) * 86_400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0)
  );
};
