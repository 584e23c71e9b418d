import { MarkReadBody } from '#notifications/inbox.js';
import { markNotificationsRead } from '#notifications/use-cases/mark-read.js';
import { json, route, signedIn } from '../http/route.js';
import { inbox } from '../wiring/inbox.js';

export const handler = route(
  { action: 'notifications:update', body: MarkReadBody },
  async ({ caller, body }) => json(200, await markNotificationsRead(inbox, signedIn(caller), body)),
);
