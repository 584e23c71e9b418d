import { Invitation } from '#identity/account.js';
import { inviteUser } from '#identity/use-cases/accounts.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { accountDeps } from '../wiring/accounts.js';
import { api } from '../wiring/api.js';

export const handler = route({ action: 'users:invite', body: Invitation }, async ({ caller, body }) => {
  const account = await inviteUser({ ...accountDeps, ids: api.ids }, signedIn(caller), body);
  return json(201, account, { etag: etag(account.version), location: `/api/v1/users/${account.id}` });
});
