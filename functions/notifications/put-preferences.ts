import { PreferencesBody } from '#notifications/inbox.js';
import { putPreferences } from '#notifications/use-cases/preferences.js';
import { json, route, signedIn } from '../http/route.js';
import { inbox } from '../wiring/inbox.js';

export const handler = route(
  { action: 'preferences:write', body: PreferencesBody },
  async ({ caller, body }) => json(200, await putPreferences(inbox, signedIn(caller), body)),
);
