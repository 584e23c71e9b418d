import { CalendarPathParams, getCalendar } from '#sla/use-cases/manage-calendars.js';
import { etag, json, route } from '../http/route.js';
import { calendarDeps } from '../wiring/admin.js';

export const handler = route(
  { action: 'sla-policies:read', params: CalendarPathParams },
  async ({ params }) => {
    const { calendar, version } = await getCalendar(calendarDeps, params.id);
    return json(200, calendar, { etag: etag(version) });
  },
);
