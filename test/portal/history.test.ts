import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../portal/src/api/types.js';
import { queueNameFrom } from '../../portal/src/features/queues/queue-names.js';
import { describeValue, eventLabel, fieldLabel } from '../../portal/src/features/tickets/event-labels.js';
import de from '../../portal/src/i18n/locales/de.js';
import en from '../../portal/src/i18n/locales/en.js';
import et from '../../portal/src/i18n/locales/et.js';
import pl from '../../portal/src/i18n/locales/pl.js';

const locales = { en, de, pl, et } as const;

/** i18n as the portal builds it: a key of the locale, else the fallback (the raw value). */
const wordsOf = (messages: object) => {
  const lookup = (key: string): string | undefined => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  return {
    t: (key: string, values: Record<string, string> = {}) =>
      (lookup(key) ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? ''),
    tx: (key: string, fallback: string) => lookup(key) ?? fallback,
  } as never;
};

const agent = { id: 'agent-1', name: 'Agnes', role: 'agent' as const };
const system = { id: 'system' as const, name: 'Help desk', role: 'system' as const };
const event = (type: string, changes: TicketEvent['changes'] = [], actor: TicketEvent['actor'] = agent) =>
  ({
    id: 'e1',
    ticketId: 't1',
    type,
    actor,
    at: '2026-03-02T09:00:00.000Z',
    changes,
    internal: false,
  }) as TicketEvent;

/** Every event type and changed field the API writes to a ticket's history. */
const eventTypes = [
  'ticket.created',
  'ticket.updated',
  'ticket.resolved',
  'ticket.accepted',
  'ticket.reopened',
  'message.added',
  'note.added',
  'feedback.given',
  'sla.reminder',
  'sla.escalation',
  'sla.breached',
  'sla.requeued',
  'sla.auto-closed',
];
const fields = [
  'status',
  'priority',
  'queue',
  'assignee',
  'category',
  'tags',
  'subject',
  'description',
  'feedback.rating',
  'sla.firstRespondedAt',
  'sla.breaches.timeToOpen',
  'sla.breaches.timeToResolve',
  'sla.breaches.totalServiceTime',
];

describe('ticket history words', () => {
  it.each(Object.entries(locales))(
    'names every event type in %s, never the raw type',
    (_language, messages) => {
      const words = wordsOf(messages);
      for (const type of eventTypes) {
        const label = eventLabel(event(type), words);
        expect(label, type).not.toBe(type);
        expect(label, type).not.toMatch(/^(sla|ticket|message|note|feedback)[._]/);
      }
    },
  );

  it.each(Object.entries(locales))(
    'names every changed field in %s, never the raw field',
    (_language, messages) => {
      const words = wordsOf(messages);
      for (const field of fields) {
        expect(fieldLabel(field, words), field).not.toMatch(/^(sla|feedback)\.|^[a-z]+$/);
      }
    },
  );

  it('calls an agent opening a new ticket a pick-up, not "Ticket updated"', () => {
    const words = wordsOf(en);
    expect(eventLabel(event('ticket.updated', [{ field: 'status', from: 'new', to: 'open' }]), words)).toBe(
      'Picked up',
    );
    expect(
      eventLabel(
        event('ticket.updated', [{ field: 'assignee', from: null, to: { id: 'agent-1', name: 'Agnes' } }]),
        words,
      ),
    ).toBe('Picked up');
    expect(
      eventLabel(
        event('ticket.updated', [{ field: 'assignee', from: null, to: { id: 'agent-2', name: 'Bo' } }]),
        words,
      ),
    ).toBe('Ticket updated');
    expect(eventLabel(event('ticket.updated', [{ field: 'priority', from: 'low', to: 'high' }]), words)).toBe(
      'Ticket updated',
    );
    expect(
      eventLabel(event('ticket.updated', [{ field: 'status', from: 'new', to: 'open' }], system), words),
    ).toBe('Ticket updated');
  });

  it("names a transfer's queues by their names, an unknown queue by its id", () => {
    // Prepare
    const words = { ...(wordsOf(en) as object), date: (iso: string) => iso } as never;
    const queueName = queueNameFrom([
      { id: 'general', name: 'General' },
      { id: 'billing', name: 'Billing' },
    ]);

    // Act
    const from = describeValue('queue', 'general', words, queueName);
    const to = describeValue('queue', 'billing', words, queueName);
    const gone = describeValue('queue', 'archived-2024', words, queueName);

    // Assess
    expect([from, to, gone]).toEqual(['General', 'Billing', 'archived-2024']);
  });
});
