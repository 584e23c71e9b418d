import { runStreamRules, streamRuleTriggerOf } from '#automation/use-cases/run-stream-rules.js';
import { logger } from '#platform/logger.js';
import { streamRules } from '../wiring/automation-stream.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * The automation rules of the events the change stream delivers (docs/automation.md): a new
 * public message (`message.created`), an at-risk escalation (`sla.at-risk`), a breach
 * (`sla.breached`). Rules on created/updated run inside the change itself, not here.
 */
export const handler = streamConsumer('automation', async (change) => {
  const trigger = streamRuleTriggerOf(change);
  if (!trigger) return;
  logger.appendKeys({ ticketId: trigger.ticketId });
  await runStreamRules(streamRules, trigger);
});
