import { AccountPatch, UserPathParams } from '#identity/account.js';
import { updateAccount } from '#identity/use-cases/accounts.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { accountDeps } from '../wiring/accounts.js';

export const handler = route(
  { action: 'users:update', params: UserPathParams, body: AccountPatch },
  async ({ caller, params, body, headers }) => {
    const account = await updateAccount(
      accountDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, account, { etag: etag(account.version) });
  },
);
