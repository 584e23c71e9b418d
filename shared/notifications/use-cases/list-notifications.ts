import type { Caller } from '#identity/caller.js';
import type { Inbox, NotificationPage } from '../inbox.js';
import { inboxOwner } from './inbox-owner.js';

/** The caller's notifications, newest first, with the unread count of the whole inbox. */
export const listNotifications = (
  inbox: Inbox,
  caller: Caller,
  page: { limit: number; cursor?: string | undefined },
): Promise<NotificationPage> => inbox.list(inboxOwner(caller), page);
