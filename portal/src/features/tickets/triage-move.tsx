import { useState } from 'preact/hooks';
import type { Ticket } from '../../api/types.js';
import { describedBy, Field } from '../../components/ui.js';
import { useI18n } from '../../i18n/index.js';
import type { TicketAction } from './ticket-action.js';

/** The organisation of tickets opened by mail from unknown senders (shared/tickets/triage.ts). */
const TRIAGE_ORGANISATION = 'triage';

/**
 * On a ticket from an unknown sender: staff name the organisation it belongs to
 * (`PATCH /tickets/{id}` with `orgId`); its requester becomes a client contact there.
 */
export const TriageMove = ({ ticket, busy, run }: { ticket: Ticket; busy: boolean; run: TicketAction }) => {
  const { t } = useI18n();
  const [orgId, setOrgId] = useState('');
  if (ticket.orgId !== TRIAGE_ORGANISATION) return null;
  const target = orgId.trim();
  return (
    <form
      class="triage-move card"
      aria-labelledby="triage-move-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) return;
        void run(
          (current, client) => client.patchTicket(current.id, current.version, { orgId: target }),
          t('mail.moved', { org: target }),
        );
      }}
    >
      <h2 id="triage-move-title">{t('mail.triageTitle')}</h2>
      <Field id="triage-org" label={t('mail.organisation')} hint={t('mail.triageHint')}>
        <input
          {...describedBy('triage-org', undefined, t('mail.triageHint'))}
          required
          pattern="[a-z0-9][a-z0-9_\-]{0,39}"
          value={orgId}
          onInput={(event) => setOrgId(event.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={busy || !target}>
        {t('mail.move')}
      </button>
    </form>
  );
};
