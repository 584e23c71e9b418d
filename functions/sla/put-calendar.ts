import * as z from 'zod';
import { CalendarPathParams, putCalendar } from '#sla/use-cases/manage-calendars.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { calendarDeps } from '../wiring/admin.js';

export const handler = route(
  // The use case validates the calendar, each message naming its field (`weeklyHours.monday.1.from`).
  { action: 'sla-policies:write', params: CalendarPathParams, body: z.unknown() },
  async ({ caller, params, body, headers }) => {
    const { calendar, version } = await putCalendar(
      calendarDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, calendar, { etag: etag(version) });
  },
);
