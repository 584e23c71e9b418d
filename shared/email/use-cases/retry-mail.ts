import { NotFound } from '#platform/errors.js';
import type { InboundDeps } from './deps.js';
import { type ReceiveOutcome, retryDeadLetter } from './receive-mail.js';

/** Processes a dead letter again: the outcome, which is a dead letter again (reason updated) when it still fails. */
export const retryMail = async (deps: InboundDeps, id: string): Promise<ReceiveOutcome> => {
  const letter = await deps.inbound.getDeadLetter(id);
  if (!letter) throw new NotFound('No such mail in the dead-letter list');
  return retryDeadLetter(deps, letter);
};
