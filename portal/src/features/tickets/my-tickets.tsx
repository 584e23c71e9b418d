import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { usePager } from '../../lib/pager.js';
import { paths } from '../../lib/routes.js';
import { filterStatuses } from './status.js';
import { TicketTable } from './ticket-table.js';

/** The client's start page: the organisation's tickets, newest first, and the way to open one. */
export const MyTicketsPage = () => {
  const { api } = useApp();
  const { t, tx } = useI18n();
  const [status, setStatus] = useState('');
  const pager = usePager(
    1,
    async (_source, cursor) => (await api.listTickets(status ? { status } : {}, cursor, 25)).data,
    status,
  );

  return (
    <section>
      <div class="page-head">
        <h1>{t('tickets.titleClient')}</h1>
        <a class="button" href={paths.newTicket}>
          {t('nav.newTicket')}
        </a>
      </div>
      <div class="filters">
        <div class="field inline">
          <label for="status-filter">{t('tickets.filterStatus')}</label>
          <select
            id="status-filter"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
          >
            <option value="">{t('tickets.allStatuses')}</option>
            {filterStatuses.map((value) => (
              <option key={value} value={value}>
                {tx(`status.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {pager.error !== undefined && <ErrorMessage error={pager.error} onRetry={pager.reload} />}
      {pager.items.length > 0 && (
        <TicketTable tickets={pager.items} caption={t('tickets.titleClient')} staff={false} />
      )}
      {pager.loading && <Loading />}
      {!pager.loading && pager.error === undefined && pager.items.length === 0 && (
        <p class="empty">{status ? t('tickets.emptyFiltered') : t('tickets.empty')}</p>
      )}
      {pager.hasMore && !pager.loading && (
        <button type="button" class="secondary" onClick={pager.loadMore}>
          {t('app.loadMore')}
        </button>
      )}
    </section>
  );
};
