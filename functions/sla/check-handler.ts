import { loggedEntry, logger } from '#platform/logger.js';
import { runSlaCheck } from '#sla/engine.js';
import { type SlaCheckKind, SlaCheckPayload } from '#sla/payload.js';
import { engine } from '../wiring/sla-timer.js';

/**
 * The entry point of every SLA function: validate the payload with the schema infra also
 * uses, then let the engine settle the ticket. A malformed payload can never succeed, so it
 * is logged and dropped rather than retried; any other failure is thrown for the retry policy.
 */
export const slaCheckHandler = (kind: SlaCheckKind) =>
  loggedEntry(async (event: unknown, context): Promise<{ outcome: string }> => {
    const parsed = SlaCheckPayload.safeParse(event);
    if (!parsed.success) {
      logger.error('Dropped an SLA check with an invalid payload', {
        function: kind,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      });
      return { outcome: 'invalid' };
    }
    const payload = parsed.data;
    // Every line of this check, the engine's included, names the ticket.
    logger.appendKeys({ ticketId: payload.ticketId, check: payload.kind, generation: payload.generation });
    if (payload.kind !== kind)
      logger.warn('An SLA check reached the function of another kind', { function: kind });
    const outcome = await runSlaCheck(engine, payload);
    logger.info('SLA check', {
      requestId: context.awsRequestId,
      outcome,
      lateMs: Date.now() - new Date(payload.dueAt).getTime(),
    });
    return { outcome };
  });
