import type { Page } from '#platform/ports.js';
import type { DeadLetter, InboundMailSettings, InboundMailStore } from '../ports.js';

/** The mails waiting for an admin, oldest first (one Query per page). */
export const listDeadLetters = (
  store: Pick<InboundMailStore, 'listDeadLetters'>,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<DeadLetter>> => store.listDeadLetters(query.limit, query.cursor ?? null);

export const getInboundSettings = (store: Pick<InboundMailStore, 'settings'>) => store.settings();

export const putInboundSettings = async (
  store: Pick<InboundMailStore, 'putSettings'>,
  settings: InboundMailSettings,
): Promise<InboundMailSettings> => {
  await store.putSettings(settings);
  return settings;
};
