import { json, route } from '#functions/http/route.js';
import { api } from '#functions/wiring/api.js';
import { InvitationBody, type InvitedAccount } from '#identity/login.js';
import { readInvitation } from './invitations.js';

/**
 * Local only: whose password a set-password link sets, so the page greets the person (and a
 * password manager saves the right account) or says before any typing that the link is dead.
 */
export const handler = route({ action: 'auth:read-invitation', body: InvitationBody }, async ({ body }) =>
  json(200, (await readInvitation(api.db, api.tableName, body)) satisfies InvitedAccount),
);
