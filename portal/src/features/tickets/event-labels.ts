import type { TicketEvent } from '../../api/types.js';
import type { I18n } from '../../i18n/index.js';

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
