import { DeadLetterPathParams } from '#email/ports.js';
import { retryMail } from '#email/use-cases/retry-mail.js';
import { json, route } from '../http/route.js';
import { inboundRetry } from '../wiring/inbound-retry.js';

/**
 * An admin retries a kept mail after a fix: the inbound-mail function processes it again and the
 * route answers what it did; the mail leaves the list when it is processed now.
 */
export const handler = route(
  { action: 'inbound-mail:write', params: DeadLetterPathParams },
  async ({ params }) => json(200, await retryMail(inboundRetry, params.id)),
);
