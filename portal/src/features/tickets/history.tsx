import type { Change, TicketEvent } from '../../api/types.js';
import { DateTime, ErrorMessage, Loading } from '../../components/ui.js';
import { type I18n, useI18n } from '../../i18n/index.js';
import type { Loaded } from '../../lib/load.js';
import { eventLabel, fieldLabel } from './event-labels.js';

/** A change's value in words: people by name, statuses and priorities translated, lists joined. */
export const describeValue = (
  field: string,
  value: unknown,
  i18n: Pick<I18n, 't' | 'tx' | 'date'>,
): string => {
  const { t, tx, date } = i18n;
  if (value === null || value === undefined || value === '') return t('app.none');
  if (typeof value === 'string') {
    if (field === 'status' || field === 'priority' || field === 'category')
      return tx(`${field}.${value}`, value);
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return date(value);
    return value;
  }
  if (Array.isArray(value))
    return value.map((item) => describeValue(field, item, i18n)).join(', ') || t('app.none');
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
};

const ChangeLine = ({ change }: { change: Change }) => {
  const i18n = useI18n();
  return (
    <li>
      {i18n.t('ticket.changedFrom', {
        field: fieldLabel(change.field, i18n),
        from: describeValue(change.field, change.from, i18n),
        to: describeValue(change.field, change.to, i18n),
      })}
    </li>
  );
};

/** The full history of a ticket: every change, who made it and when (internal events only for staff). */
export const History = ({ events, staff }: { events: Loaded<TicketEvent[]>; staff: boolean }) => {
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
                      <ChangeLine key={change.field} change={change} />
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
