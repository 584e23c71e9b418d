import { reapplyJobOf } from '#sla/policy-impact.js';
import { runReapplyStep } from '#sla/use-cases/reapply-policies.js';
import { reapply } from '../wiring/sla-reapply.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Re-applies a saved policy list to the open tickets, one bounded step per record (docs/sla.md):
 * a step stores the job's next position, which the stream delivers here again, until done.
 */
export const handler = streamConsumer('sla-reapply', async (change) => {
  const job = reapplyJobOf(change);
  if (job) await runReapplyStep(reapply, job);
});
