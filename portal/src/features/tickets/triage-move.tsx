import { useState } from 'preact/hooks';
import type { Organisation, Ticket } from '../../api/types.js';
import { Field } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import type { TicketAction } from './ticket-action.js';

/** The organisation of tickets opened by mail from unknown senders (shared/tickets/triage.ts). */
const TRIAGE_ORGANISATION = 'triage';
/** Organisations read at a time: the first page at once, the next ones on request. */
export const ORGANISATIONS_PAGE = 50;

/** The organisations whose name, id or a mail domain holds what was typed (case and accents aside). */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
export const organisationsMatching = (organisations: readonly Organisation[], typed: string) => {
  const words = fold(typed).split(/\s+/).filter(Boolean);
  return organisations.filter((organisation) => {
    const haystack = fold([organisation.name, organisation.id, ...organisation.domains].join(' '));
    return words.every((word) => haystack.includes(word));
  });
};

/**
 * On a ticket from an unknown sender: staff pick the organisation it belongs to from the list
 * (`GET /organisations`, narrowed by what they type) and move it (`PATCH /tickets/{id}` with
 * `orgId`); its requester becomes a client contact there.
 */
export const TriageMove = ({ ticket, busy, run }: { ticket: Ticket; busy: boolean; run: TicketAction }) =>
  ticket.orgId === TRIAGE_ORGANISATION ? <TriageMoveForm busy={busy} run={run} /> : null;

const TriageMoveForm = ({ busy, run }: { busy: boolean; run: TicketAction }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState('');
  // A page at a time (`GET /organisations` by id); "More organisations" reads the next.
  const organisations = useLoad(() => api.organisationPage(null, ORGANISATIONS_PAGE), [api]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  const nextCursor = organisations.data?.nextCursor ?? null;
  const loadMore = async () => {
    const loaded = organisations.data;
    if (!loaded?.nextCursor) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const page = await api.organisationPage(loaded.nextCursor, ORGANISATIONS_PAGE);
      organisations.setData({ items: [...loaded.items, ...page.items], nextCursor: page.nextCursor });
    } catch {
      setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };
  const all = (organisations.data?.items ?? [])
    .filter((organisation) => organisation.id !== TRIAGE_ORGANISATION)
    .sort((a, b) => a.name.localeCompare(b.name));
  const shown = organisationsMatching(all, typed);
  // One match left: it is the choice, so typing and Enter suffice.
  const stillShown = shown.some((organisation) => organisation.id === chosen) ? chosen : '';
  const orgId = shown.length === 1 ? (shown[0]?.id ?? '') : stillShown;
  const target = all.find((organisation) => organisation.id === orgId);
  const listState = () => {
    if (organisations.loading || loadingMore) return t('mail.organisationsLoading');
    if (organisations.error || moreFailed) return t('errors.generic');
    return shown.length
      ? t('mail.organisationsShown', { n: String(shown.length) })
      : t('mail.noOrganisation');
  };
  return (
    <form
      class="triage-move card"
      aria-labelledby="triage-move-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) return;
        void run(
          (current, client) => client.patchTicket(current.id, current.version, { orgId: target.id }),
          t('mail.moved', { org: target.name }),
        );
      }}
    >
      <h2 id="triage-move-title">{t('mail.triageTitle')}</h2>
      <p class="hint" id="triage-move-hint">
        {t('mail.triageHint')}
      </p>
      <Field id="triage-org-filter" label={t('mail.findOrganisation')}>
        <input
          id="triage-org-filter"
          type="search"
          autocomplete="off"
          aria-controls="triage-org"
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
      </Field>
      <Field id="triage-org" label={t('mail.organisation')}>
        <select
          id="triage-org"
          aria-describedby="triage-move-hint triage-org-count"
          required
          size={Math.max(2, Math.min(6, shown.length))}
          value={orgId}
          disabled={organisations.loading}
          onChange={(event) => setChosen(event.currentTarget.value)}
        >
          {shown.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {`${organisation.name} (${organisation.id})`}
            </option>
          ))}
        </select>
      </Field>
      <p class="hint" id="triage-org-count" role="status">
        {listState()}
      </p>
      {nextCursor && (
        <p>
          <button type="button" class="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {t('mail.moreOrganisations')}
          </button>
        </p>
      )}
      <button type="submit" disabled={busy || !target}>
        {t('mail.move')}
      </button>
    </form>
  );
};
