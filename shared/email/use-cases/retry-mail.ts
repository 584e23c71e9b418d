import { Conflict, NotFound } from '#platform/errors.js';
import type { InboundMailStore, MailOutcome, MailReceiver } from '../ports.js';

/**
 * An admin retries a kept mail: the route reads the letter (404 when there is none) and hands it
 * to the function that reads mail, which processes it as on arrival (`retryDeadLetter`) and
 * answers the outcome; the letter leaves the list when it is processed. `receiver` is null in a
 * deployment without SES receiving (no `inboundDomain`), where no mail is ever kept.
 */
export const retryMail = async (
  deps: { inbound: Pick<InboundMailStore, 'getDeadLetter'>; receiver: MailReceiver | null },
  id: string,
): Promise<MailOutcome> => {
  const letter = await deps.inbound.getDeadLetter(id);
  if (!letter) throw new NotFound('No such mail in the dead-letter list');
  if (!deps.receiver) throw new Conflict('Inbound mail is not set up in this deployment: nothing reads mail');
  return deps.receiver.retry(letter);
};
