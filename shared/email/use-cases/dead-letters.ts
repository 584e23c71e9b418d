import { NotFound } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { DeadLetter, InboundMailSettings, InboundMailStore } from '../ports.js';
import type { InboundDeps } from './deps.js';
import { type ReceiveOutcome, retryDeadLetter } from './receive-mail.js';

/** The mails waiting for an admin, oldest first (one Query per page). */
export const listDeadLetters = (
  store: Pick<InboundMailStore, 'listDeadLetters'>,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<DeadLetter>> => store.listDeadLetters(query.limit, query.cursor ?? null);

/** Processes a dead letter again: the outcome, which is a dead letter again (reason updated) when it still fails. */
export const retryMail = async (deps: InboundDeps, id: string): Promise<ReceiveOutcome> => {
  const letter = await deps.inbound.getDeadLetter(id);
  if (!letter) throw new NotFound('No such mail in the dead-letter list');
  return retryDeadLetter(deps, letter);
};

export const getInboundSettings = (store: Pick<InboundMailStore, 'settings'>) => store.settings();

export const putInboundSettings = async (
  store: Pick<InboundMailStore, 'putSettings'>,
  settings: InboundMailSettings,
): Promise<InboundMailSettings> => {
  await store.putSettings(settings);
  return settings;
};
