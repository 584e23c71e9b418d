import * as z from 'zod';
import { Invalid } from '#platform/errors.js';
import { dottedPath } from '#platform/validation.js';
import { TicketStatus, ticketStatuses } from './status.js';

/**
 * What admins call the statuses (issue 16, seed 003 names them New, Open, Answered, Waiting,
 * Paused, Postponed, Resolved, Closed): labels only, per portal language. The statuses
 * themselves, their transitions and clocks stay those of the one state machine (status.ts);
 * a language without a label shows the portal's built-in text.
 */
const Label = z
  .string()
  .trim()
  .min(1, 'A label must not be empty')
  .max(40, 'A label is at most 40 characters');

export const StatusLabelTexts = z
  .strictObject({ en: Label.optional(), de: Label.optional(), pl: Label.optional(), et: Label.optional() })
  .meta({
    id: 'StatusLabelTexts',
    description: 'A label per language; a missing one falls back to the built-in text',
  });
export type StatusLabelTexts = z.infer<typeof StatusLabelTexts>;

export const StatusLabels = z
  .strictObject({
    labels: z.partialRecord(TicketStatus, StatusLabelTexts).meta({
      description:
        'By status id (new, open, answered, pending, on_hold, postponed, resolved, closed, merged)',
    }),
  })
  .meta({ id: 'StatusLabels' });
export type StatusLabels = z.infer<typeof StatusLabels>;

export const STATUS_LABELS_DOCUMENT = 'status-labels';

/** The statuses with the labels admins gave them, in the state machine's order. */
export const StatusList = z
  .object({
    statuses: z.array(z.object({ id: TicketStatus, labels: StatusLabelTexts })),
  })
  .meta({ id: 'Statuses' });
export type StatusList = z.infer<typeof StatusList>;

export const statusListOf = (labels: StatusLabels['labels']): StatusList => ({
  statuses: ticketStatuses.map((id) => ({ id, labels: labels[id] ?? {} })),
});

export const parseStatusLabels = (input: unknown): StatusLabels => {
  const parsed = StatusLabels.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => {
    // An unknown status id is reported on the key itself (`labels.waiting`).
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = dottedPath([...issue.path, ...keys.slice(0, 1)]);
    return { path, message: `${path || 'body'}: ${issue.message}` };
  });
  throw new Invalid(
    errors.length === 1
      ? `The status labels are invalid: ${errors[0]?.message}`
      : 'The status labels are invalid',
    errors,
  );
};
