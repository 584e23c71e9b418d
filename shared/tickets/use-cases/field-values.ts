import { type Caller, isClient } from '#identity/caller.js';
import { Invalid } from '#platform/errors.js';
import {
  type FieldValue,
  type FieldValues,
  resolveFieldValues,
  type TicketFieldDefinition,
} from '../ticket-fields.js';
import type { TicketDeps } from './deps.js';

/**
 * The custom field definitions a change needs: read (one GetItem) only when the change sets
 * values or may make one required (a create, a new category); null when it needs none.
 */
export const fieldDefinitionsFor = async (
  deps: TicketDeps,
  needed: boolean,
): Promise<readonly TicketFieldDefinition[] | null> => {
  if (!needed) return null;
  if (!deps.ticketFields) return [];
  return deps.ticketFields.definitions();
};

/** The values the ticket carries after the change (see resolveFieldValues); undefined: unchanged. */
export const fieldValuesAfter = (
  definitions: readonly TicketFieldDefinition[] | null,
  caller: Caller,
  current: Readonly<Record<string, FieldValue>> | undefined,
  values: FieldValues | undefined,
  category: string | null,
): Record<string, FieldValue> | undefined => {
  if (definitions === null) return undefined;
  if (values && Object.keys(values).length && !definitions.length)
    throw new Invalid('No custom fields are defined', [{ path: 'fields', message: 'Leave it out' }]);
  return resolveFieldValues({
    definitions,
    current: current ?? {},
    values,
    category,
    byClient: isClient(caller),
  });
};
