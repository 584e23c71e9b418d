import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * A staff member's in-product notifications, in their own partition `INBOX#<userId>`:
 * - one item per notification, `ITEM#<eventId>` (the ticket event that caused it: event ids
 *   are ULIDs, so the sort key orders the inbox by when things happened, and one event gives a
 *   person at most one notification, so a repeated stream record finds the item already there);
 * - the inbox state, `STATE`: the unread counter, the read watermark (every item at or below
 *   it is read) and a version every writer of the counter bumps;
 * - the person's notification preferences, `PREFERENCES`.
 */
const INBOX = 'INBOX';
const ITEM = 'ITEM';
const STATE = 'STATE';
const PREFERENCES = 'PREFERENCES';

const ITEM_ENTITY = 'inbox-item';
const STATE_ENTITY = 'inbox-state';
const PREFERENCES_ENTITY = 'notification-preferences';

const inboxPartition = (userId: string) => joinKey(INBOX, userId);

const itemKey = (userId: string, notificationId: string): Key => ({
  pk: inboxPartition(userId),
  sk: joinKey(ITEM, notificationId),
});
const stateKey = (userId: string): Key => ({ pk: inboxPartition(userId), sk: STATE });
const preferencesKey = (userId: string): Key => ({ pk: inboxPartition(userId), sk: PREFERENCES });

export const inboxItemEntity = {
  name: ITEM_ENTITY,
  key: itemKey,
  item: (userId: string, notificationId: string) => envelope(ITEM_ENTITY, itemKey(userId, notificationId)),
  queries: {
    /** Newest first. */
    ofUser: (userId: string): QuerySpec => ({ pk: inboxPartition(userId), skPrefix: prefixOf(ITEM) }),
  },
};

export const inboxStateEntity = {
  name: STATE_ENTITY,
  key: stateKey,
  item: (userId: string) => envelope(STATE_ENTITY, stateKey(userId)),
};

export const notificationPreferencesEntity = {
  name: PREFERENCES_ENTITY,
  key: preferencesKey,
  item: (userId: string) => envelope(PREFERENCES_ENTITY, preferencesKey(userId)),
};
