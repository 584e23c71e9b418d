import type { Change, TicketEvent } from '../../api/types.js';
import { DateTime, ErrorMessage, Loading } from '../../components/ui.js';
import { useI18n } from '../../i18n/index.js';
import type { Loaded } from '../../lib/load.js';
import type { QueueName } from '../queues/queue-names.js';
import { describeValue, eventLabel, fieldLabel, sameId } from './event-labels.js';

const ChangeLine = ({ change, queueName }: { change: Change; queueName: QueueName }) => {
  const i18n = useI18n();
  return (
    <li>
      {i18n.t('ticket.changedFrom', {
        field: fieldLabel(change.field, i18n),
        from: describeValue(change.field, change.from, i18n, queueName),
        to: describeValue(change.field, change.to, i18n, queueName),
      })}
    </li>
  );
};

/** The full history of a ticket: every change, who made it and when (internal events only for staff). */
export const History = ({
  events,
  staff,
  queueName = sameId,
}: {
  events: Loaded<TicketEvent[]>;
  staff: boolean;
  queueName?: QueueName;
}) => {
  const i18n = useI18n();
  const { t, tx } = i18n;
  return (
    <section aria-labelledby="history-title" class="history">
      <details open={staff}>
        <summary>
          <h2 id="history-title">{t('ticket.history')}</h2>
        </summary>
        {events.error !== undefined && <ErrorMessage error={events.error} onRetry={events.reload} />}
        {events.loading && !events.data && <Loading />}
        {events.data && events.data.length === 0 && <p class="empty">{t('ticket.noHistory')}</p>}
        {events.data && events.data.length > 0 && (
          <ol class="events">
            {events.data.map((event) => (
              <li key={event.id} class={event.internal ? 'internal' : undefined}>
                <p>
                  <strong>{eventLabel(event, i18n)}</strong> · {event.actor.name}{' '}
                  <span class="muted">({tx(`roles.${event.actor.role}`, event.actor.role)})</span> ·{' '}
                  <DateTime iso={event.at} />
                </p>
                {event.changes.length > 0 && (
                  <ul class="changes">
                    {event.changes.map((change) => (
                      <ChangeLine key={change.field} change={change} queueName={queueName} />
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
};
