import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden, Invalid, NotFound } from '#platform/errors.js';
import type { Ticket } from '#tickets/schemas.js';
import { Timestamp } from '#tickets/timestamp.js';

/**
 * Canned responses (docs/desk.md): texts an agent inserts into a reply, with placeholders
 * filled from the ticket. Shared ones are kept by leads and admins and offered to all staff;
 * personal ones belong to the agent who wrote them, and nobody else sees them.
 */

/** The languages of the portal and the mails. */
export const cannedLanguages = ['en', 'de', 'pl', 'et'] as const;
export const CannedLanguage = z.enum(cannedLanguages);

/** Bounds that keep every list one Query page (1 MB): at most 100 shared + 50 personal of at most 8 KB. */
export const MAX_SHARED_RESPONSES = 100;
export const MAX_PERSONAL_RESPONSES = 50;
export const MAX_CANNED_BODY_BYTES = 8 * 1024;

const Title = z
  .string()
  .trim()
  .min(1, 'Title must not be empty')
  .max(120, 'Title must be at most 120 characters');
const Body = z
  .string()
  .trim()
  .min(1, 'Body must not be empty')
  .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_CANNED_BODY_BYTES, 'Body must be at most 8 KB');

export const NewCannedResponse = z
  .strictObject({
    title: Title,
    body: Body.meta({
      description:
        'Placeholders: {{requester.name}}, {{ticket.reference}}, {{ticket.subject}}, {{agent.name}}',
    }),
    language: CannedLanguage.default('en'),
    shared: z
      .boolean()
      .default(false)
      .meta({ description: 'Offered to all staff; only leads and admins write shared responses' }),
  })
  .meta({ id: 'NewCannedResponse' });
export type NewCannedResponse = z.infer<typeof NewCannedResponse>;

export const CannedResponsePatch = z
  .strictObject({
    title: Title.optional(),
    body: Body.optional(),
    language: CannedLanguage.optional(),
    shared: z.boolean().optional().meta({ description: 'Cannot change: create a new response instead' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'CannedResponsePatch' });
export type CannedResponsePatch = z.infer<typeof CannedResponsePatch>;

export const CannedResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    language: CannedLanguage,
    shared: z.boolean(),
    owner: z
      .object({ id: z.string(), name: z.string() })
      .meta({ description: 'Who wrote it (a personal response: its only reader)' }),
    version: z.int().min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CannedResponse' });
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedResponseList = z
  .object({ items: z.array(CannedResponse) })
  .meta({ id: 'CannedResponseList' });

export const RenderedResponse = z
  .object({ body: z.string().meta({ description: 'The body with every placeholder filled' }) })
  .meta({ id: 'RenderedResponse' });

const CannedId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a canned response id');
export const CannedPathParams = z.strictObject({ id: CannedId });
export const RenderQuery = z.strictObject({
  ticketId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a ticket id'),
});

/** The partition a response lives in: null for shared ones, the owner's id for personal ones. */
export const ownerKeyOf = (response: Pick<CannedResponse, 'shared' | 'owner'>): string | null =>
  response.shared ? null : response.owner.id;

const isLeadOrAdmin = (caller: Caller) =>
  caller.kind === 'user' && (caller.role === 'lead' || caller.role === 'admin');

/** Who may write a response: leads and admins the shared ones, the owner a personal one. */
export const assertMayWrite = (caller: Caller, response: Pick<CannedResponse, 'shared' | 'owner'>): void => {
  if (response.shared) {
    if (!isLeadOrAdmin(caller)) throw new Forbidden('Only leads and admins write shared canned responses');
    return;
  }
  // Another person's personal response is invisible: the same answer as one that does not exist.
  if (response.owner.id !== caller.id) throw new NotFound('No such canned response');
};

/** The placeholders a body may use, and where each value comes from. */
const placeholders: Record<string, (context: RenderContext) => string> = {
  'requester.name': (context) => context.ticket.requester.name,
  'ticket.reference': (context) => context.ticket.reference,
  'ticket.subject': (context) => context.ticket.subject,
  'agent.name': (context) => context.agentName,
};
export const placeholderNames = Object.keys(placeholders);

export interface RenderContext {
  ticket: Pick<Ticket, 'reference' | 'subject' | 'requester'>;
  agentName: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The body with `{{name}}` placeholders filled. An unknown placeholder is a 400 naming every
 * unknown one: a reply must never go out with a `{{…}}` left in it.
 */
export const renderBody = (body: string, context: RenderContext): string => {
  const unknown = [...body.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(name in placeholders));
  if (unknown.length) {
    const names = [...new Set(unknown)].map((name) => `{{${name}}}`);
    throw new Invalid(`Unknown placeholder(s) in the canned response: ${names.join(', ')}`, [
      {
        path: 'body',
        message: `Unknown placeholder(s): ${names.join(', ')}. Known: ${placeholderNames.map((n) => `{{${n}}}`).join(', ')}`,
      },
    ]);
  }
  return body.replace(PLACEHOLDER, (_match, name: string) => placeholders[name]?.(context) ?? '');
};
