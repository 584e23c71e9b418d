import type { Queue, StaffMember } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useNow } from '../../lib/now.js';
import { paths } from '../../lib/routes.js';
import { byNextDeadline, slaTone } from '../sla/sla.js';
import { TicketTable } from '../tickets/ticket-table.js';
import { QueueAdmin } from './queue-admin.js';
import { activeStatuses } from './queue-filters.js';
import { workload } from './workload.js';

const PAGE = 100;

/** The team lead's view: what is breached or at risk, who carries how much, and the queues. */
export const LeadPage = () => {
  const { api } = useApp();
  const { t, tx } = useI18n();
  const now = useNow();
  const data = useLoad(async () => {
    const [pages, agents, leads, queues] = await Promise.all([
      Promise.all(activeStatuses.map(async (status) => (await api.listTickets({ status }, null, PAGE)).data)),
      api.listStaff('agent').catch((): StaffMember[] => []),
      api.listStaff('lead').catch((): StaffMember[] => []),
      api.listQueues().catch((): Queue[] => []),
    ]);
    return {
      tickets: pages.flatMap((page) => page.items),
      truncated: pages.some((page) => page.nextCursor !== null),
      people: [...agents, ...leads],
      queues,
    };
  }, [api]);

  if (data.error !== undefined || !data.data)
    return (
      <section>
        <h1>{t('lead.title')}</h1>
        {data.error !== undefined ? <ErrorMessage error={data.error} onRetry={data.reload} /> : <Loading />}
      </section>
    );
  const { tickets, truncated, people, queues } = data.data;
  const escalations = byNextDeadline(
    tickets.filter((ticket) => {
      const tone = slaTone(ticket, now);
      return tone === 'breached' || tone === 'at_risk';
    }),
    now,
  );
  const rows = workload(tickets, people, now);

  return (
    <section>
      <div class="page-head">
        <h1>{t('lead.title')}</h1>
        <a href={paths.reports}>{t('nav.reports')}</a>
        <button type="button" class="secondary" onClick={data.reload}>
          {t('app.refresh')}
        </button>
      </div>

      <section aria-labelledby="escalations-title">
        <h2 id="escalations-title">{t('lead.escalations')}</h2>
        <p class="hint">{t('lead.escalationsHint')}</p>
        {escalations.length === 0 ? (
          <p class="empty">{t('lead.noEscalations')}</p>
        ) : (
          <TicketTable tickets={escalations} caption={t('lead.escalations')} staff />
        )}
      </section>

      <section aria-labelledby="workload-title">
        <h2 id="workload-title">{t('lead.workload')}</h2>
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t('lead.workload')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lead.agent')}</th>
                {activeStatuses.map((status) => (
                  <th scope="col" key={status}>
                    {tx(`status.${status}`, status)}
                  </th>
                ))}
                <th scope="col">{t('lead.total')}</th>
                <th scope="col">{t('lead.breached')}</th>
                <th scope="col">{t('routing.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id || 'unassigned'}>
                  <th scope="row">
                    <a href={`${paths.queue}?assignee=${encodeURIComponent(row.id || 'none')}`}>
                      {row.name || t('tickets.unassigned')}
                    </a>
                  </th>
                  {activeStatuses.map((status) => (
                    <td key={status} data-label={tx(`status.${status}`, status)}>
                      {row.counts[status] ?? 0}
                    </td>
                  ))}
                  <td data-label={t('lead.total')}>{row.total}</td>
                  <td data-label={t('lead.breached')} class={row.breached ? 'breached-count' : undefined}>
                    {row.breached}
                  </td>
                  <td data-label={t('routing.capacity')}>{capacityOf(people, row.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {truncated && <p class="hint">{t('lead.truncated', { count: PAGE })}</p>}
      </section>

      <QueueCounts queues={queues} />
    </section>
  );
};

export const QueueCounts = ({ queues, heading = true }: { queues: readonly Queue[]; heading?: boolean }) => {
  const { t, tx } = useI18n();
  const statuses = ['new', 'open', 'pending', 'on_hold', 'resolved'] as const;
  return (
    <section aria-labelledby={heading ? 'queues-title' : undefined}>
      {heading && <h2 id="queues-title">{t('lead.queues')}</h2>}
      {queues.length === 0 ? (
        <p class="empty">{t('queues.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t('queues.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queues.name')}</th>
                <th scope="col">{t('queues.id')}</th>
                {statuses.map((status) => (
                  <th scope="col" key={status}>
                    {tx(`status.${status}`, status)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {queues.map((queue) => (
                <tr key={queue.id}>
                  <th scope="row">
                    <a href={`${paths.queue}?queue=${encodeURIComponent(queue.id)}`}>{queue.name}</a>
                  </th>
                  <td data-label={t('queues.id')}>
                    <code>{queue.id}</code>
                  </td>
                  {statuses.map((status) => (
                    <td key={status} data-label={tx(`status.${status}`, status)}>
                      {queue.counts[status] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** Open tickets assigned against capacity (routing's counter), e.g. `3 / 10`; a dash for the unassigned row. */
const capacityOf = (people: readonly StaffMember[], id: string): string => {
  const person = people.find((candidate) => candidate.id === id);
  return person ? `${person.openAssigned} / ${person.capacity}` : '—';
};

export const QueuesPage = ({ admin = false }: { admin?: boolean }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const queues = useLoad(() => api.listQueues(), [api]);
  return (
    <section>
      <h1>{t('queues.title')}</h1>
      {queues.error !== undefined && <ErrorMessage error={queues.error} onRetry={queues.reload} />}
      {queues.data ? <QueueCounts queues={queues.data} heading={false} /> : queues.loading && <Loading />}
      {admin && <QueueAdmin />}
    </section>
  );
};
