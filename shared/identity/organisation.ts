import * as z from 'zod';
import type { AuditEntry } from './audit.js';

/** The ticket fields an admin can let an organisation's clients choose when they open a ticket. */
export const clientChoosableFields = ['category', 'priority', 'queue', 'channel'] as const;
export type ClientChoosableField = (typeof clientChoosableFields)[number];

/** Without a setting, clients choose only the category (which selects a policy within the desk's rules). */
export const DEFAULT_CLIENT_MAY: readonly ClientChoosableField[] = ['category'];

/**
 * A client organisation as stored with its settings (an admin console edits them later):
 * the e-mail domains its people write from, and what its clients may set on a new ticket.
 */
export const Organisation = /* @__PURE__ */ z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()).default([]),
  clientMay: z.array(z.enum(clientChoosableFields)).default([...DEFAULT_CLIENT_MAY]),
  /** The queue a ticket of this organisation lands in when nobody names one (null: `general`). */
  defaultQueue: z.string().nullable().default(null),
  version: z.int().default(1),
});
export type Organisation = z.infer<typeof Organisation>;

/** The queue of a new ticket that names none. */
export const DEFAULT_QUEUE = 'general';

const Slug = (what: string) =>
  z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, `${what} is 1–40 lowercase letters, digits, - or _`);
const Domain = /* @__PURE__ */ z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'Not a domain name, e.g. acme.example',
  );
const Domains = /* @__PURE__ */ z
  .array(Domain)
  .max(20, 'At most 20 domains')
  .refine((domains) => new Set(domains).size === domains.length, 'A domain is listed twice');
const ClientMay = /* @__PURE__ */ z
  .array(z.enum(clientChoosableFields))
  .refine((fields) => new Set(fields).size === fields.length, 'A field is listed twice');

/** What an admin sets on an organisation (docs/admin.md). */
export const OrganisationSettings = /* @__PURE__ */ z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  domains: Domains,
  defaultQueue: Slug('A queue id').nullable(),
  clientMay: ClientMay,
});

/** `POST /organisations`: without `clientMay` its clients choose the category only (the desk's default). */
export const NewOrganisation = /* @__PURE__ */ OrganisationSettings.extend({
  id: Slug('An organisation id'),
  domains: Domains.default([]),
  defaultQueue: Slug('A queue id').nullable().default(null),
  clientMay: ClientMay.default([...DEFAULT_CLIENT_MAY]),
}).meta({ id: 'NewOrganisation' });
export type NewOrganisation = z.infer<typeof NewOrganisation>;

export const OrganisationPatch = /* @__PURE__ */ OrganisationSettings.partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'OrganisationPatch' });
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;

export const OrganisationView = /* @__PURE__ */ Organisation.meta({ id: 'Organisation' });
export const OrganisationPathParams = /* @__PURE__ */ z.strictObject({ id: Slug('An organisation id') });

/** At most this many organisations in one page of `GET /organisations` (one Query). */
export const MAX_ORGANISATIONS_PAGE = 200;

/**
 * `GET /organisations?limit&cursor`: a page by id. The cursor is the last organisation's id of
 * the previous page (staff see every id, so there is nothing to seal: docs/api.md).
 */
export const OrganisationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_ORGANISATIONS_PAGE).default(MAX_ORGANISATIONS_PAGE),
  cursor: Slug('The nextCursor of the previous page').optional(),
});
export type OrganisationsQuery = z.infer<typeof OrganisationsQuery>;

export const OrganisationPage = z
  .object({
    items: z.array(OrganisationView),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Give it as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'OrganisationPage' });
export type OrganisationPage = z.infer<typeof OrganisationPage>;

/** Organisations as administration writes them: with their domain claims and audit, in one transaction. */
export interface OrganisationStore {
  /** Consistent, uncached. */
  get(id: string): Promise<Organisation | null>;
  /** A page by id, after the organisation `after` (exclusive); `next` is the last id when more may follow. */
  list(limit: number, after?: string): Promise<{ items: Organisation[]; next: string | null }>;
  /** Conflict (id taken); Invalid naming `domains.<i>` when another organisation claims that domain. */
  create(organisation: Organisation, audit: AuditEntry<Organisation>): Promise<void>;
  /** NotFound / PreconditionFailed; Invalid as for create. Domains dropped are released. */
  update(organisation: Organisation, previous: Organisation, audit: AuditEntry<Organisation>): Promise<void>;
}

export interface OrganisationDirectory {
  /** The organisation, or null when there is none with this id. */
  get(id: string): Promise<Organisation | null>;
}

/** Whether the address is in one of the organisation's e-mail domains (case-insensitive, exact domain). */
export const inDomains = (organisation: Organisation, email: string): boolean => {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return organisation.domains.some((candidate) => candidate.toLowerCase() === domain);
};
