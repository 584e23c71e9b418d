import { DeadLetterPathParams } from '#email/ports.js';
import { retryMail } from '#email/use-cases/retry-mail.js';
import { json, route } from '../http/route.js';
import { inboundDeps } from '../wiring/inbound-mail.js';

/** An admin retries a kept mail after a fix: it leaves the list when it is processed now. */
export const handler = route(
  { action: 'inbound-mail:write', params: DeadLetterPathParams },
  async ({ params }) => json(200, await retryMail(inboundDeps, params.id)),
);
