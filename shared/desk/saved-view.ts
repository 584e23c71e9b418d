import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden, NotFound } from '#platform/errors.js';
import { ListTicketsQuery, TicketSort } from '#tickets/schemas.js';
import { TicketStatus } from '#tickets/status.js';
import { Timestamp } from '#tickets/timestamp.js';

/**
 * Saved views (docs/desk.md): a name for the queue page's filters and sort. Personal ones belong
 * to the person who saved them, and nobody else sees them; shared ones are kept by leads and
 * admins and offered to all staff. The same rules as canned responses.
 */

/** Bounds that keep every list one Query page: at most 50 shared + 30 personal views of < 2 KB. */
export const MAX_SHARED_VIEWS = 50;
export const MAX_PERSONAL_VIEWS = 30;

const Name = z.string().trim().min(1, 'Name must not be empty').max(80, 'Name must be at most 80 characters');

/**
 * The ticket list's filters (`GET /tickets`), as the queue page keeps them (a custom field's
 * `field=<id>:<value>` too); `status` may also be `active` (new, open, pending, on hold: the
 * page's default) or `any`.
 */
export const ViewFilters = ListTicketsQuery.pick({
  queue: true,
  assignee: true,
  priority: true,
  category: true,
  tag: true,
  field: true,
  q: true,
})
  .extend({
    status: z
      .union([TicketStatus, z.enum(['active', 'any'])])
      .optional()
      .meta({ description: 'A status, `active` (new, open, pending, on hold) or `any`' }),
  })
  .meta({ id: 'ViewFilters' });
export type ViewFilters = z.infer<typeof ViewFilters>;

export const NewSavedView = z
  .strictObject({
    name: Name,
    filters: ViewFilters.default({}),
    sort: TicketSort.nullable().default(null).meta({
      description: 'The list order (`GET /tickets` `sort`); null: the page’s own (next SLA deadline)',
    }),
    shared: z
      .boolean()
      .default(false)
      .meta({ description: 'Offered to all staff; only leads and admins write shared views' }),
  })
  .meta({ id: 'NewSavedView' });
export type NewSavedView = z.infer<typeof NewSavedView>;

export const SavedViewPatch = z
  .strictObject({
    name: Name.optional(),
    filters: ViewFilters.optional(),
    sort: TicketSort.nullable().optional(),
    shared: z.boolean().optional().meta({ description: 'Cannot change: save a new view instead' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'SavedViewPatch' });
export type SavedViewPatch = z.infer<typeof SavedViewPatch>;

export const SavedView = z
  .object({
    id: z.string(),
    name: z.string(),
    filters: ViewFilters,
    sort: TicketSort.nullable(),
    shared: z.boolean(),
    owner: z.object({ id: z.string(), name: z.string() }).meta({ description: 'Who saved it' }),
    version: z.int().min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) }).meta({ id: 'SavedViewList' });

export const SavedViewPathParams = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a view id'),
});

/** The partition a view lives in: null for shared ones, the owner's id for personal ones. */
export const viewOwnerKeyOf = (view: Pick<SavedView, 'shared' | 'owner'>): string | null =>
  view.shared ? null : view.owner.id;

/** Who may write a view: leads and admins the shared ones, the owner a personal one. */
export const assertMayWriteView = (caller: Caller, view: Pick<SavedView, 'shared' | 'owner'>): void => {
  if (view.shared) {
    if (!(caller.kind === 'user' && (caller.role === 'lead' || caller.role === 'admin')))
      throw new Forbidden('Only leads and admins write shared views');
    return;
  }
  // Another person's view is invisible: the same answer as one that does not exist.
  if (view.owner.id !== caller.id) throw new NotFound('No such view');
};
