import { durationSeconds } from '../sla/duration.js';

export interface DurationParts {
  days: string;
  hours: string;
  minutes: string;
}

const isoParts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * A policy duration (ISO-8601 or seconds, as the API stores it) as days, hours and minutes.
 * ISO values keep the parts as written (`PT36H` shows 36 hours); seconds split into whole units.
 */
export const partsOf = (value: string): DurationParts => {
  const text = value.trim().toUpperCase();
  if (!text) return { days: '', hours: '', minutes: '' };
  // As typed, when a part is not a whole number (isoOf below): the boxes keep what the user wrote.
  const typed = /^(.*)d (.*)h (.*)m$/.exec(value);
  if (typed) return { days: typed[1] ?? '', hours: typed[2] ?? '', minutes: typed[3] ?? '' };
  const iso = isoParts.exec(text);
  if (iso && text !== 'P' && text !== 'PT')
    return { days: iso[1] ?? '', hours: iso[2] ?? '', minutes: iso[3] ?? '' };
  const seconds = durationSeconds(text);
  if (seconds === null) return { days: '', hours: '', minutes: '' };
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return { days: days ? String(days) : '', hours: hours ? String(hours) : '', minutes: String(minutes) };
};

/**
 * Parts back to ISO-8601 (`P1DT4H30M`); all empty is '' (the clock is off). A part that is not a
 * whole number ≥ 0 yields text the policy form rejects as "not a duration", shown at the field.
 */
export const isoOf = ({ days, hours, minutes }: DurationParts): string => {
  const parts = [days.trim(), hours.trim(), minutes.trim()];
  if (parts.every((part) => part === '')) return '';
  if (parts.some((part) => part !== '' && !/^\d+$/.test(part))) return `${days}d ${hours}h ${minutes}m`;
  const [d, h, m] = parts.map((part) => Number(part || '0'));
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
  if (!d && !time) return 'PT0M';
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
};
