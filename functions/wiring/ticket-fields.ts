import { DynamoSettingsDocuments } from '#platform/adapters/dynamodb-settings-documents.js';
import type { TicketFieldDefinition } from '#tickets/ticket-fields.js';
import { getTicketFields } from '#tickets/use-cases/manage-ticket-fields.js';
import { api } from './api.js';

/** How long a container validates tickets by the field definitions it read: an admin's change applies within this. */
export const TICKET_FIELDS_TTL_MS = 10_000;

const fieldDocuments = { documents: new DynamoSettingsDocuments(api.db, api.tableName) };
let cached: { until: number; fields: Promise<TicketFieldDefinition[]> } | undefined;

/**
 * The custom field definitions for the ticket-changing routes: one GetItem per container and
 * TTL, so a warm create stays one DynamoDB call (docs/performance.md). A save in the same
 * container (the local runtime serves every route from one process) applies at once.
 */
export const ticketFieldDefinitions = {
  definitions: (): Promise<TicketFieldDefinition[]> => {
    const now = api.clock.now().getTime();
    if (cached && now < cached.until) return cached.fields;
    const entry = {
      until: now + TICKET_FIELDS_TTL_MS,
      fields: getTicketFields(fieldDocuments).then((f) => f.fields),
    };
    cached = entry;
    entry.fields.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.fields;
  },
  /** After a save: the next change reads the new definitions. */
  forget: (): void => {
    cached = undefined;
  },
};
