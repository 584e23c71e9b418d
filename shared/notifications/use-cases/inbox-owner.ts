import type { Caller } from '#identity/caller.js';
import { Forbidden } from '#platform/errors.js';

/**
 * Whose inbox a caller reads: their own. The permission table lets only staff in; a client or
 * an integration reaching here is a wiring mistake, refused rather than given an inbox.
 */
export const inboxOwner = (caller: Caller): string => {
  if (caller.kind !== 'user' || caller.role === 'client') {
    throw new Forbidden('Notifications are for agents, leads and admins');
  }
  return caller.id;
};
