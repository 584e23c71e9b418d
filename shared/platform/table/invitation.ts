import { envelope, joinKey, type Key } from './key.js';

/**
 * A local set-password invitation (local/invitations.ts; Cognito invites in the cloud):
 * `INVITE#<sha-256 of the token>` / `INVITE`, naming the account, gone after its TTL.
 */
const INVITE = 'INVITE';
const ENTITY = 'invitation';

const key = (tokenHash: string): Key => ({ pk: joinKey(INVITE, tokenHash), sk: INVITE });

export const invitationEntity = {
  name: ENTITY,
  key,
  item: (tokenHash: string) => envelope(ENTITY, key(tokenHash)),
};
