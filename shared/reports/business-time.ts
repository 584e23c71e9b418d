import type { CalendarTime } from '#sla/calendar.js';
import type { BusinessSeconds } from './ticket-fact.js';

/** Business seconds between two instants under an SLA calendar (docs/reports.md, "Business time"). */
export const businessSecondsUnder =
  (time: CalendarTime): BusinessSeconds =>
  (from, to) =>
    time.businessTimeBetween(new Date(from), new Date(to)) / 1000;
