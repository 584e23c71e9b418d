import { NotificationsQuery } from '#notifications/inbox.js';
import { listNotifications } from '#notifications/use-cases/list-notifications.js';
import { json, route, signedIn } from '../http/route.js';
import { listInbox } from '../wiring/api-lists.js';

export const handler = route(
  { action: 'notifications:read', query: NotificationsQuery },
  async ({ caller, query }) => json(200, await listNotifications(listInbox, signedIn(caller), query)),
);
