import * as z from 'zod';
import { Author } from '#tickets/record-schemas.js';
import { Timestamp } from '#tickets/timestamp.js';
import { SlaPolicy } from './policy.js';

/** The wire shapes around a policy change: the PUT body's `applyTo`, the impact preview, the history. */

export const ApplyTo = z.enum(['new', 'open']).default('new').meta({
  id: 'SlaPolicyApplyTo',
  description:
    '`new` (default): open tickets keep the policy they have; `open`: they take the new list too (a background job, docs/sla.md)',
});

export const SlaPolicyChangeBody = z
  .strictObject({ policies: z.array(SlaPolicy), applyTo: ApplyTo })
  .meta({ id: 'SlaPolicyChangeBody', description: 'The whole ordered list, and whom it applies to' });

export const SlaPolicyPreview = z
  .object({
    openTickets: z.int().min(0).meta({ description: 'Tickets not closed or merged' }),
    affected: z.int().min(0).meta({ description: 'Examined open tickets whose policy would change' }),
    wouldBreachNow: z
      .int()
      .min(0)
      .meta({ description: 'Of those, tickets with a clock in breach at once under the new list' }),
    examined: z.int().min(0).meta({ description: 'Open tickets examined (all, up to 1,000)' }),
  })
  .meta({ id: 'SlaPolicyPreview' });

export const SlaPolicyChangeRecord = z
  .object({
    version: z.int().min(1),
    at: Timestamp,
    actor: Author,
    applyTo: z.enum(['new', 'open']),
    before: z.array(SlaPolicy),
    after: z.array(SlaPolicy),
  })
  .meta({ id: 'SlaPolicyChange' });

export const SlaPolicyHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).optional(),
  before: z.coerce.number().int().min(1).optional().meta({ description: 'Versions older than this one' }),
});

export const SlaPolicyHistoryPage = z
  .object({
    items: z.array(SlaPolicyChangeRecord),
    nextBefore: z.int().nullable().meta({ description: 'Pass as `before` for the older versions' }),
  })
  .meta({ id: 'SlaPolicyHistory' });
