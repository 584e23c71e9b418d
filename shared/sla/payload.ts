import * as z from 'zod';
import { SlaCheckKind } from '#tickets/sla-state.js';

/**
 * The payload of every SLA check, as EventBridge Scheduler (or the local scheduler) sends
 * it to the SLA functions. Infra imports the kinds to create one function per kind; the
 * functions validate what they receive with this schema.
 */
// The kinds belong to the ticket's SLA block (it records the next one); re-exported for infra and the functions.
export { SlaCheckKind, slaCheckKinds } from '#tickets/sla-state.js';

export const SlaCheckPayload = /* @__PURE__ */ z.object({
  ticketId: z.string().min(1),
  kind: SlaCheckKind,
  /** The ticket's schedule generation when this check was armed; a moved-on ticket ignores it. */
  generation: z.int().min(0),
  dueAt: z.iso.datetime(),
});
export type SlaCheckPayload = z.infer<typeof SlaCheckPayload>;

/** functions/sla/<module>.ts for each kind. */
export const slaFunctionModules: Record<SlaCheckKind, string> = {
  reminder: 'reminder',
  escalation: 'escalation',
  'auto-close': 'auto-close',
  requeue: 'requeue',
  'wake-up': 'wake-up',
  idle: 'idle',
};
