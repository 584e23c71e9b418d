import type { TicketEvent } from '../../api/types.js';
import type { I18n } from '../../i18n/index.js';
import type { QueueName } from '../queues/queue-names.js';

type Words = Pick<I18n, 't' | 'tx'>;

const staffRoles = new Set(['agent', 'lead', 'admin']);

const idOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
    ? value.id
    : undefined;

/** An update by which someone at the desk takes a ticket: new → open, or assigning it to oneself. */
export const isPickUp = (event: Pick<TicketEvent, 'type' | 'actor' | 'changes'>): boolean =>
  event.type === 'ticket.updated' &&
  staffRoles.has(event.actor.role) &&
  event.changes.some(
    (change) =>
      (change.field === 'status' && change.from === 'new' && change.to === 'open') ||
      (change.field === 'assignee' &&
        idOf(change.to) === event.actor.id &&
        idOf(change.from) !== event.actor.id),
  );

/** What happened, in words: each event type has its label; a pick-up is named as such. */
export const eventLabel = (
  event: Pick<TicketEvent, 'type' | 'actor' | 'changes'>,
  { t, tx }: Words,
): string =>
  isPickUp(event)
    ? t('events.ticket_picked_up')
    : tx(`events.${event.type.replace(/[.-]/g, '_')}`, event.type);

/** A changed field in words (`sla.breaches.timeToOpen` → "First response missed"). */
export const fieldLabel = (field: string, { t, tx }: Words): string => {
  if (field === 'sla.firstRespondedAt') return t('sla.respondedAt');
  if (field === 'feedback.rating') return t('ticket.rating');
  const breach = /^sla\.breaches\.(\w+)$/.exec(field)?.[1];
  if (breach) return t('events.breachOf', { clock: tx(`sla.${breach}`, breach) });
  return tx(`tickets.${field}`, field);
};

export const sameId: QueueName = (id) => id;

/** A change's value in words: people and queues by name, statuses and priorities translated, lists joined. */
export const describeValue = (
  field: string,
  value: unknown,
  i18n: Pick<I18n, 't' | 'tx' | 'date'>,
  queueName: QueueName = sameId,
): string => {
  const { t, tx, date } = i18n;
  if (value === null || value === undefined || value === '') return t('app.none');
  if (typeof value === 'string') {
    if (field === 'status' || field === 'priority' || field === 'category')
      return tx(`${field}.${value}`, value);
    if (field === 'queue') return queueName(value);
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return date(value);
    return value;
  }
  if (Array.isArray(value))
    return value.map((item) => describeValue(field, item, i18n, queueName)).join(', ') || t('app.none');
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
};
