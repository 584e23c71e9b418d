import type { Ticket } from '../../api/types.js';
import { DateTime, PriorityLabel, StatusBadge } from '../../components/ui.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { useQueueNames } from '../queues/queue-names.js';
import { nextDeadline } from '../sla/sla.js';
import { SlaBadge } from '../sla/sla-badge.js';
import { ChannelIcon } from './channel.js';

/** A click anywhere on a row opens its ticket (links and selections inside keep their own behaviour). */
const openRow = (event: MouseEvent, id: string) => {
  const target = event.target as HTMLElement | null;
  if (target?.closest('a, button, input, select, textarea') || window.getSelection()?.toString()) return;
  navigate(paths.ticket(id));
};

/**
 * The ticket list of both the client and the staff views. On a phone each row becomes a card
 * (see styles.css), with the column name shown before each value.
 */
export const TicketTable = ({
  tickets,
  caption,
  staff,
}: {
  tickets: readonly Ticket[];
  caption: string;
  staff: boolean;
}) => {
  const { t } = useI18n();
  const queueName = useQueueNames();
  return (
    <div class="table-wrap">
      <table class="tickets">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {staff && <th scope="col">{t('tickets.sla')}</th>}
            <th scope="col">{t('tickets.reference')}</th>
            <th scope="col">{t('tickets.subject')}</th>
            <th scope="col">{t('tickets.status')}</th>
            {staff && <th scope="col">{t('tickets.priority')}</th>}
            {staff && <th scope="col">{t('tickets.queue')}</th>}
            {staff && <th scope="col">{t('tickets.assignee')}</th>}
            {!staff && <th scope="col">{t('tickets.nextDue')}</th>}
            <th scope="col">{t('tickets.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id} class="row-link" onClick={(event) => openRow(event, ticket.id)}>
              {staff && (
                <td data-label={t('tickets.sla')}>
                  <SlaBadge ticket={ticket} />
                </td>
              )}
              <td data-label={t('tickets.reference')}>
                {staff && <ChannelIcon channel={ticket.channel} />}{' '}
                <a href={paths.ticket(ticket.id)} class="reference">
                  {ticket.reference}
                </a>
              </td>
              <td data-label={t('tickets.subject')} class="subject">
                <a href={paths.ticket(ticket.id)}>{ticket.subject}</a>
              </td>
              <td data-label={t('tickets.status')}>
                <StatusBadge status={ticket.status} />
              </td>
              {staff && (
                <td data-label={t('tickets.priority')}>
                  <PriorityLabel priority={ticket.priority} />
                </td>
              )}
              {staff && <td data-label={t('tickets.queue')}>{queueName(ticket.queue)}</td>}
              {staff && (
                <td data-label={t('tickets.assignee')}>
                  {ticket.assignee?.name ?? <span class="muted">{t('tickets.unassigned')}</span>}
                </td>
              )}
              {!staff && (
                <td data-label={t('tickets.nextDue')}>
                  <DateTime iso={nextDeadline(ticket)?.dueAt} />
                </td>
              )}
              <td data-label={t('tickets.updated')}>
                <DateTime iso={ticket.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
