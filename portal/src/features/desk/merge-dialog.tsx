import { useRef, useState } from 'preact/hooks';
import type { Ticket } from '../../api/types.js';
import { errorText, StatusBadge } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import type { TicketAction } from '../tickets/ticket-action.js';

const mergeable = (source: Ticket, candidate: Ticket) =>
  candidate.id !== source.id &&
  candidate.orgId === source.orgId &&
  candidate.status !== 'merged' &&
  candidate.status !== 'closed';

/**
 * Merges the open ticket into another: a modal dialog finds the target with the ticket list's
 * `q` filter (only open tickets of the same organisation are offered, as the API requires) and
 * merges with the ticket's version, so a change meanwhile is a 412 the page reports.
 */
export const MergeDialog = ({ ticket, busy, run }: { ticket: Ticket; busy: boolean; run: TicketAction }) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Ticket[] | null>(null);
  const [chosen, setChosen] = useState<Ticket | null>(null);

  const search = async (event: Event) => {
    event.preventDefault();
    const words = query.trim();
    if (!words) return;
    try {
      const { data } = await api.listTickets({ q: words }, null, 25);
      const found = data.items.filter((candidate) => mergeable(ticket, candidate));
      setResults(found);
      setChosen(found[0] ?? null);
    } catch (error) {
      notify('error', errorText(error, i18n));
    }
  };

  const merge = async () => {
    if (!chosen) return;
    const done = await run(
      (current, client) => client.merge(current.id, current.version, chosen.id),
      t('desk.mergeDone', { reference: chosen.reference }),
    );
    if (done) dialog.current?.close();
  };

  return (
    <div class="merge">
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={() => {
          setResults(null);
          setChosen(null);
          dialog.current?.showModal();
        }}
      >
        {t('desk.merge')}
      </button>
      <dialog ref={dialog} class="merge-dialog" aria-labelledby="merge-title">
        <h2 id="merge-title">{t('desk.mergeTitle', { reference: ticket.reference })}</h2>
        <form onSubmit={search}>
          <div class="field">
            <label for="merge-query">{t('desk.mergeSearch')}</label>
            <p class="hint" id="merge-query-hint">
              {t('desk.mergeSearchHint')}
            </p>
            <input
              id="merge-query"
              type="search"
              aria-describedby="merge-query-hint"
              value={query}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="secondary">
            {t('desk.mergeFind')}
          </button>
        </form>
        {results && results.length === 0 && (
          <p class="empty" role="status">
            {t('desk.mergeNone')}
          </p>
        )}
        {results && results.length > 0 && (
          <fieldset class="merge-results">
            <legend>{t('desk.mergeResults')}</legend>
            {results.map((candidate) => (
              <div class="choice" key={candidate.id}>
                <input
                  type="radio"
                  name="merge-target"
                  id={`merge-${candidate.id}`}
                  checked={chosen?.id === candidate.id}
                  onChange={() => setChosen(candidate)}
                />
                <label for={`merge-${candidate.id}`}>
                  <span class="reference">{candidate.reference}</span> {candidate.subject}{' '}
                  <StatusBadge status={candidate.status} />
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <div class="button-row">
          <button type="button" disabled={!chosen || busy} onClick={() => void merge()}>
            {chosen ? t('desk.mergeConfirm', { reference: chosen.reference }) : t('desk.merge')}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
};
