import type { Caller } from '#identity/caller.js';
import { Forbidden, PreconditionFailed } from '#platform/errors.js';
import { authorOf } from '../ticket.js';
import {
  parseTicketFieldList,
  TICKET_FIELDS_DOCUMENT,
  type TicketFieldDefinition,
  TicketFieldList,
} from '../ticket-fields.js';
import type { CategoryDeps } from './manage-categories.js';

/** The same versioned, audited admin documents as the categories. */
export type TicketFieldDeps = Pick<CategoryDeps, 'documents'> & Partial<Pick<CategoryDeps, 'clock'>>;

export interface VersionedTicketFields {
  fields: TicketFieldDefinition[];
  version: number;
}

/** The field definitions as stored now (none while no admin saved any: version 0). */
export const getTicketFields = async (deps: TicketFieldDeps): Promise<VersionedTicketFields> => {
  const stored = await deps.documents.load(TICKET_FIELDS_DOCUMENT);
  if (stored.version === 0) return { fields: [], version: 0 };
  return { fields: TicketFieldList.parse(stored.value).fields, version: stored.version };
};

/**
 * Replaces the definitions (admins); a stale If-Match is a 412; every save is audited. Values
 * tickets already carry are left as they are (a removed field's value stays on old tickets).
 */
export const putTicketFields = async (
  deps: CategoryDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedTicketFields> => {
  if (caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins define the ticket fields');
  const list = parseTicketFieldList(body);
  const current = await getTicketFields(deps);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The ticket fields are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
    );
  const version = await deps.documents.save({
    name: TICKET_FIELDS_DOCUMENT,
    value: list,
    previous: { fields: current.fields },
    expectedVersion: current.version,
    actor: authorOf(caller),
    at: deps.clock.now().toISOString(),
  });
  return { fields: list.fields, version };
};
