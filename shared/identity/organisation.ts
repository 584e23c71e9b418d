import * as z from 'zod';

/** The ticket fields an admin can let an organisation's clients choose when they open a ticket. */
export const clientChoosableFields = ['category', 'priority', 'queue', 'channel'] as const;
export type ClientChoosableField = (typeof clientChoosableFields)[number];

/** Without a setting, clients choose only the category (which selects a policy within the desk's rules). */
export const DEFAULT_CLIENT_MAY: readonly ClientChoosableField[] = ['category'];

/**
 * A client organisation as stored with its settings (an admin console edits them later):
 * the e-mail domains its people write from, and what its clients may set on a new ticket.
 */
export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()).default([]),
  clientMay: z.array(z.enum(clientChoosableFields)).default([...DEFAULT_CLIENT_MAY]),
});
export type Organisation = z.infer<typeof Organisation>;

export interface OrganisationDirectory {
  /** The organisation, or null when there is none with this id. */
  get(id: string): Promise<Organisation | null>;
}

/** Whether the address is in one of the organisation's e-mail domains (case-insensitive, exact domain). */
export const inDomains = (organisation: Organisation, email: string): boolean => {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return organisation.domains.some((candidate) => candidate.toLowerCase() === domain);
};
