import { listCalendars } from '#sla/use-cases/manage-calendars.js';
import { json, route } from '../http/route.js';
import { calendarDeps } from '../wiring/admin.js';

export const handler = route({ action: 'sla-policies:read' }, async () => {
  const calendars = await listCalendars(calendarDeps);
  return json(200, { items: calendars.map(({ calendar, version }) => ({ ...calendar, version })) });
});
