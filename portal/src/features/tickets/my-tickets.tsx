import { useState } from 'preact/hooks';
import type { SearchWindow } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation } from '../../lib/navigation.js';
import { usePager } from '../../lib/pager.js';
import { paths } from '../../lib/routes.js';
import { foundByReference, readWindow, windowQuery } from './search-window.js';
import { SearchedWindow } from './searched-window.js';
import { filterStatuses } from './status.js';
import { TicketTable } from './ticket-table.js';

/** The client's start page: the organisation's tickets, newest first, and the way to open one. */
export const MyTicketsPage = () => {
  const { api } = useApp();
  const { t, tx } = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  // The words and the searched window live in the address, so a reload shows the same search.
  const query = params.get('q') ?? '';
  const bounds = readWindow(params);
  const [status, setStatus] = useState('');
  const [words, setWords] = useState(query);
  const [searched, setSearched] = useState<SearchWindow | null>(null);
  const pager = usePager(
    1,
    async (_source, cursor) => {
      const filters = {
        ...(status ? { status } : {}),
        ...(query ? { q: query, ...windowQuery(bounds) } : {}),
      };
      const { data } = await api.listTickets(filters, cursor, 25);
      if (cursor === null) setSearched(data.searched ?? null);
      return data;
    },
    `${status}${search}`,
  );
  const onSearch = (event: Event) => {
    event.preventDefault();
    const text = words.trim();
    navigate(text ? `${paths.home}?q=${encodeURIComponent(text)}` : paths.home);
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('tickets.titleClient')}</h1>
        <a class="button" href={paths.newTicket}>
          {t('nav.newTicket')}
        </a>
      </div>
      <form class="filters" aria-label={t('search.label')} onSubmit={onSearch}>
        <div class="field inline">
          <label for="client-search">{t('search.label')}</label>
          <input
            id="client-search"
            type="search"
            value={words}
            onInput={(event) => setWords(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="secondary">
          {t('search.submit')}
        </button>
      </form>
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
        <p class="empty">{status || query ? t('tickets.emptyFiltered') : t('tickets.empty')}</p>
      )}
      {pager.hasMore && !pager.loading && (
        <button type="button" class="secondary" onClick={pager.loadMore}>
          {t('app.loadMore')}
        </button>
      )}
      {query && searched && (
        <SearchedWindow
          searched={searched}
          path={paths.home}
          search={search}
          older={!foundByReference(query, pager.items)}
        />
      )}
    </section>
  );
};
