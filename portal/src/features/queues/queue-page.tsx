import { useEffect, useState } from 'preact/hooks';
import type { Priority, Queue, SearchWindow, StaffMember } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { navigate, useLocation } from '../../lib/navigation.js';
import { usePager } from '../../lib/pager.js';
import { paths } from '../../lib/routes.js';
import { byNextDeadline } from '../sla/sla.js';
import { labelOf, useTicketFields } from '../tickets/custom-fields.js';
import { foundByReference } from '../tickets/search-window.js';
import { SearchedWindow } from '../tickets/searched-window.js';
import { filterStatuses } from '../tickets/status.js';
import { TicketTable } from '../tickets/ticket-table.js';
import {
  fieldFilterOf,
  listQueries,
  orderBy,
  type QueueFilters,
  queueSorts,
  readFilters,
  writeFilters,
} from './queue-filters.js';
import { SavedViews } from './saved-views.js';

const priorities: Priority[] = ['urgent', 'high', 'normal', 'low'];
const REFRESH_MS = 60_000;

/** The agent's desk: filtered tickets, most urgent SLA deadline first, refreshed every minute. */
export const QueuePage = () => {
  const { api } = useApp();
  const { t, tx, language } = useI18n();
  const { search } = useLocation();
  const filters = readFilters(search);
  const queries = listQueries(filters);
  const key = writeFilters(filters);
  // With `q`, the window the search covered (the same for each status's list): said under the list.
  const [searched, setSearched] = useState<SearchWindow | null>(null);
  const pager = usePager(
    queries.length,
    async (source, cursor) => {
      const { data } = await api.listTickets(queries[source] ?? {}, cursor, 50);
      if (source === 0 && cursor === null) setSearched(data.searched ?? null);
      return data;
    },
    key,
  );
  const queues = useLoad(() => api.listQueues().catch((): Queue[] => []), [api]);
  const people = useLoad(async () => {
    const lists = await Promise.all(
      (['agent', 'lead'] as const).map((role) => api.listStaff(role).catch((): StaffMember[] => [])),
    );
    return lists.flat();
  }, [api]);
  // The order by due time does not depend on the current time, so it need not follow the clock.
  const order = orderBy(filters.sort);
  const sorted = order ? [...pager.items].sort(order) : byNextDeadline(pager.items, Date.now());

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void pager.reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [pager.reload]);

  // Browser history (docs/desk.md): a choice from a select is a new entry, so Back returns to
  // the filter before it; what is typed into a text box replaces the entry, so Back is not
  // flooded with every word tried.
  const change = (field: keyof QueueFilters) => (event: { currentTarget: { value: string } }) =>
    navigate(
      `${paths.queue}${writeFilters({
        ...filters,
        [field]: event.currentTarget.value,
        // New words start again from the default window.
        ...(field === 'q' ? { createdFrom: '', createdTo: '' } : {}),
      })}`,
      { replace: field === 'q' },
    );

  // A custom field's value (docs/portal.md): the admins' fields by their label in the reader's
  // language, then the value: a select field's options as a dropdown, else an input of its type.
  const customFields = useTicketFields().data ?? [];
  const fieldFilter = fieldFilterOf(filters.field);
  const chosenField = customFields.find((field) => field.id === fieldFilter.id);
  const chosenLabel = chosenField ? labelOf(chosenField, language) : fieldFilter.id;
  const options = chosenField?.options ?? [];
  // A field picked without a value lists what the page listed before: its value replaces that
  // entry, so one Back undoes the field filter as a whole.
  const setFieldFilter = (field: string, typed: boolean) =>
    navigate(`${paths.queue}${writeFilters({ ...filters, field })}`, {
      replace: typed || (fieldFilter.id !== '' && fieldFilter.value === ''),
    });
  const pickField = (event: { currentTarget: { value: string } }) =>
    setFieldFilter(event.currentTarget.value ? `${event.currentTarget.value}:` : '', false);
  const setFieldValue = (typed: boolean) => (event: { currentTarget: { value: string } }) =>
    setFieldFilter(`${fieldFilter.id}:${event.currentTarget.value.trim()}`, typed);
  const valueInput = { id: 'filter-field-value', value: fieldFilter.value, onChange: setFieldValue(true) };

  return (
    <section>
      <div class="page-head">
        <h1>{t('queue.title')}</h1>
        <button type="button" class="secondary" onClick={pager.reload}>
          {t('app.refresh')}
        </button>
      </div>
      <form class="filters" aria-label={t('queue.filters')} onSubmit={(event) => event.preventDefault()}>
        <div class="field inline">
          <label for="filter-q">{t('queue.search')}</label>
          <input
            id="filter-q"
            type="search"
            data-shortcut="search"
            value={filters.q}
            onChange={change('q')}
          />
        </div>
        <div class="field inline">
          <label for="filter-queue">{t('queue.queue')}</label>
          <select id="filter-queue" value={filters.queue} onChange={change('queue')}>
            <option value="">{t('queue.allQueues')}</option>
            {filters.queue && !queues.data?.some((queue) => queue.id === filters.queue) && (
              <option value={filters.queue}>{filters.queue}</option>
            )}
            {(queues.data ?? []).map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="filter-status">{t('queue.status')}</label>
          <select id="filter-status" value={filters.status} onChange={change('status')}>
            <option value="">{t('queue.active')}</option>
            <option value="any">{t('queue.any')}</option>
            {filterStatuses.map((value) => (
              <option key={value} value={value}>
                {tx(`status.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="filter-assignee">{t('queue.assignee')}</label>
          <select id="filter-assignee" value={filters.assignee} onChange={change('assignee')}>
            <option value="">{t('queue.anyone')}</option>
            <option value="me">{t('queue.me')}</option>
            <option value="none">{t('queue.unassigned')}</option>
            {(people.data ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="filter-priority">{t('queue.priority')}</label>
          <select id="filter-priority" value={filters.priority} onChange={change('priority')}>
            <option value="">{t('queue.any')}</option>
            {priorities.map((value) => (
              <option key={value} value={value}>
                {tx(`priority.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
        {(customFields.length > 0 || fieldFilter.id) && (
          <div class="field inline">
            <label for="filter-field">{t('queue.field')}</label>
            <select id="filter-field" value={fieldFilter.id} onChange={pickField}>
              <option value="">{t('queue.noField')}</option>
              {fieldFilter.id && !chosenField && <option value={fieldFilter.id}>{fieldFilter.id}</option>}
              {customFields.map((field) => (
                <option key={field.id} value={field.id}>
                  {labelOf(field, language)}
                </option>
              ))}
            </select>
          </div>
        )}
        {fieldFilter.id && (
          <div class="field inline">
            <label for="filter-field-value">{t('queue.fieldValue', { field: chosenLabel })}</label>
            {chosenField?.type === 'select' ? (
              <select id="filter-field-value" value={fieldFilter.value} onChange={setFieldValue(false)}>
                <option value="">{t('queue.anyValue')}</option>
                {fieldFilter.value && !options.includes(fieldFilter.value) && (
                  <option value={fieldFilter.value}>{fieldFilter.value}</option>
                )}
                {options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : chosenField?.type === 'date' ? (
              <input {...valueInput} type="date" />
            ) : chosenField?.type === 'number' ? (
              <input {...valueInput} type="number" step="any" />
            ) : (
              <input {...valueInput} type="text" maxLength={200} />
            )}
          </div>
        )}
        <div class="field inline">
          <label for="filter-sort">{t('queue.sort')}</label>
          <select id="filter-sort" value={filters.sort} onChange={change('sort')}>
            <option value="">{t('queue.sortDeadline')}</option>
            {queueSorts.map((value) => (
              <option key={value} value={value}>
                {tx(`queue.sorts.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <SavedViews filters={filters} />
      <p class="hint">
        {order ? t('queue.sortedAsChosen') : t('queue.sortedBy')}{' '}
        <span role="status">{t('tickets.count', { count: sorted.length })}</span>
      </p>
      {pager.error !== undefined && <ErrorMessage error={pager.error} onRetry={pager.reload} />}
      {sorted.length > 0 && <TicketTable tickets={sorted} caption={t('queue.title')} staff />}
      {pager.loading && sorted.length === 0 && <Loading />}
      {!pager.loading && pager.error === undefined && sorted.length === 0 && (
        <p class="empty">{t('tickets.emptyFiltered')}</p>
      )}
      {pager.hasMore && (
        <button type="button" class="secondary" disabled={pager.loading} onClick={pager.loadMore}>
          {t('app.loadMore')}
        </button>
      )}
      {filters.q && searched && (
        <SearchedWindow
          searched={searched}
          path={paths.queue}
          search={search}
          older={!foundByReference(filters.q, pager.items)}
        />
      )}
    </section>
  );
};
