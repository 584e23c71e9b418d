import { useEffect, useState } from 'preact/hooks';
import type { SearchWindow, Ticket } from '../../api/types.js';
import { ErrorMessage } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { foundByReference, readWindow, windowQuery } from '../tickets/search-window.js';
import { SearchedWindow } from '../tickets/searched-window.js';
import { TicketTable } from '../tickets/ticket-table.js';

const REFERENCE = /^[a-z]{1,10}-\d{4}-\d{1,12}$/i;

/** The staff header's search box: a reference jumps straight to its ticket, words list the matches. */
export const HeaderSearch = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const text = query.trim();
    if (!text) return;
    if (REFERENCE.test(text)) {
      try {
        const { data } = await api.listTickets({ q: text }, null, 2);
        const [only] = data.items;
        if (only && data.items.length === 1) return navigate(paths.ticket(only.id));
      } catch {
        // The search page shows the error.
      }
    }
    navigate(`${paths.search}?q=${encodeURIComponent(text)}`);
  };
  return (
    <form aria-label={t('search.label')} class="header-search" onSubmit={onSubmit}>
      <label class="visually-hidden" for="header-search">
        {t('search.label')}
      </label>
      <input
        id="header-search"
        type="search"
        placeholder={t('search.placeholder')}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
    </form>
  );
};

/** `/search?q=`: the tickets with every word, best first, and which months were searched. */
export const TicketSearchPage = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const query = params.get('q') ?? '';
  const bounds = readWindow(params);
  const [found, setFound] = useState<{ tickets: Ticket[]; searched: SearchWindow | null } | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  useEffect(() => {
    setFound(null);
    setFailure(undefined);
    if (!query) return;
    api
      .listTickets({ q: query, ...windowQuery(bounds) }, null, 50)
      .then(({ data }) => setFound({ tickets: data.items, searched: data.searched ?? null }))
      .catch(setFailure);
  }, [api, query, bounds.createdFrom, bounds.createdTo]);
  return (
    <section>
      <h1>{t('search.title', { query })}</h1>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {found === null && failure === undefined && query && <p>{t('app.loading')}</p>}
      {found &&
        (found.tickets.length ? (
          <TicketTable tickets={found.tickets} caption={t('search.title', { query })} staff />
        ) : (
          <p>{t('search.none')}</p>
        ))}
      {found?.searched && (
        <SearchedWindow
          searched={found.searched}
          path={paths.search}
          search={search}
          older={!foundByReference(query, found.tickets)}
        />
      )}
    </section>
  );
};
