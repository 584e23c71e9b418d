import type { Caller } from '#identity/caller.js';
import type { Inbox, MarkReadBody, UnreadCount } from '../inbox.js';
import { inboxOwner } from './inbox-owner.js';

/** Marks some (by id) or all of the caller's notifications read; answers the unread count left. */
export const markNotificationsRead = async (
  inbox: Inbox,
  caller: Caller,
  body: MarkReadBody,
): Promise<UnreadCount> => {
  const userId = inboxOwner(caller);
  const unread = body.ids ? await inbox.markRead(userId, body.ids) : await inbox.markAllRead(userId);
  return { unread };
};
