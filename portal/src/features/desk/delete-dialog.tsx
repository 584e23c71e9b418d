import { useRef, useState } from 'preact/hooks';
import type { Ticket } from '../../api/types.js';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';

/**
 * Deletes the open ticket (leads and admins; docs/api.md): a modal dialog names the reference and
 * asks again, the delete carries the ticket's version (a change meanwhile is a 412, said in the
 * dialog), and the user lands on the queue with a notice.
 */
export const DeleteDialog = ({ ticket }: { ticket: Ticket }) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteTicket(ticket.id, ticket.version);
      dialog.current?.close();
      notify('success', t('desk.deleteDone', { reference: ticket.reference }), paths.queue);
      navigate(paths.queue);
    } catch (failure) {
      setError(errorText(failure, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="delete-ticket">
      <button
        type="button"
        class="danger"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {t('desk.deleteTicket')}
      </button>
      <dialog
        ref={dialog}
        class="delete-dialog"
        aria-labelledby="delete-title"
        aria-describedby="delete-explain"
      >
        <h2 id="delete-title">{t('desk.deleteTitle', { reference: ticket.reference })}</h2>
        <p id="delete-explain">{t('desk.deleteExplain')}</p>
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div class="button-row">
          <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
            {t('desk.deleteConfirm', { reference: ticket.reference })}
          </button>
          <button type="button" class="secondary" autofocus onClick={() => dialog.current?.close()}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
};
