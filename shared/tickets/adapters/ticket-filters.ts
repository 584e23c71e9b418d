import { UNASSIGNED } from '#platform/table/ticket.js';
import type { TicketFilters } from '../ports.js';

/** A FilterExpression with its own placeholders, merged into a Query beside the key condition. */
export interface Filter {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The list filters of tickets, on the flat attributes a ticket item carries (see ticket-items.ts). */
export const ticketFilter = (filters: TicketFilters): Filter => {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (attribute: string, value: unknown) => {
    const n = `#f${clauses.length}`;
    const v = `:f${clauses.length}`;
    names[n] = attribute;
    values[v] = value;
    clauses.push(`${n} = ${v}`);
  };
  if (filters.status) equal('status', filters.status);
  if (filters.queue) equal('queue', filters.queue);
  if (filters.assigneeId !== undefined) equal('assigneeId', filters.assigneeId ?? UNASSIGNED);
  if (filters.requesterId) equal('requesterId', filters.requesterId);
  if (filters.orgId) equal('orgId', filters.orgId);
  if (filters.priority) equal('priority', filters.priority);
  if (filters.category) equal('category', filters.category);
  if (filters.tag) {
    names['#tags'] = 'tags';
    values[':tag'] = filters.tag;
    clauses.push('contains(#tags, :tag)');
  }
  if (filters.field) {
    // A number field stores a number: the text matches either form.
    names['#fields'] = 'fields';
    names['#fieldId'] = filters.field.id;
    values[':fieldText'] = filters.field.value;
    const number = Number(filters.field.value);
    if (filters.field.value.trim() !== '' && Number.isFinite(number)) {
      values[':fieldNumber'] = number;
      clauses.push('(#fields.#fieldId = :fieldText OR #fields.#fieldId = :fieldNumber)');
    } else clauses.push('#fields.#fieldId = :fieldText');
  }
  if (filters.text) {
    names['#search'] = 'search';
    filters.text
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 5)
      .forEach((word, i) => {
        values[`:q${i}`] = word;
        clauses.push(`contains(#search, :q${i})`);
      });
  }
  if (!clauses.length) return {};
  return {
    FilterExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

/** Messages and events visible to clients: staff see internal ones too. */
export const publicOnly = (includeInternal: boolean): Filter =>
  includeInternal
    ? {}
    : {
        FilterExpression: '#internal = :false',
        ExpressionAttributeNames: { '#internal': 'internal' },
        ExpressionAttributeValues: { ':false': false },
      };
