import type { Caller } from '#identity/caller.js';
import { type Inbox, type NotificationPreferences, type PreferencesBody, preferencesOf } from '../inbox.js';
import { inboxOwner } from './inbox-owner.js';

export const getPreferences = (inbox: Inbox, caller: Caller): Promise<NotificationPreferences> =>
  inbox.preferences(inboxOwner(caller));

/** Replaces the caller's preferences; a kind left out is mailed (the default). */
export const putPreferences = async (
  inbox: Inbox,
  caller: Caller,
  body: PreferencesBody,
): Promise<NotificationPreferences> => {
  const preferences = preferencesOf(body.mail);
  await inbox.savePreferences(inboxOwner(caller), preferences);
  return preferences;
};
