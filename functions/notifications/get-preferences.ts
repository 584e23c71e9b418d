import { getPreferences } from '#notifications/use-cases/preferences.js';
import { json, route, signedIn } from '../http/route.js';
import { inbox } from '../wiring/inbox.js';

export const handler = route({ action: 'preferences:read' }, async ({ caller }) =>
  json(200, await getPreferences(inbox, signedIn(caller))),
);
