import { useEffect, useRef, useState } from 'preact/hooks';
import type { CannedResponse } from '../../api/types.js';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';

/** Matches every word typed, in the title or the body, ignoring case. */
const matches = (response: CannedResponse, filter: string) => {
  const text = `${response.title} ${response.body}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
};

/**
 * The canned-response picker of the reply box: a button (or `/` typed in an empty line of the
 * box) opens a filter field and the matching responses; choosing one inserts its text, rendered
 * for this ticket by the API (placeholders filled), at the cursor.
 */
export const CannedPicker = ({
  ticketId,
  open,
  onOpenChange,
  onInsert,
}: {
  ticketId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onInsert: (text: string, title: string) => void;
}) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [responses, setResponses] = useState<CannedResponse[] | null>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const filterField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setFilter('');
    filterField.current?.focus();
    api
      .listCannedResponses()
      .then(setResponses)
      .catch((error: unknown) => notify('error', errorText(error, i18n)));
  }, [open]);

  const shown = (responses ?? []).filter((response) => matches(response, filter));

  const choose = async (response: CannedResponse) => {
    if (busy) return;
    setBusy(true);
    try {
      const { data } = await api.renderCannedResponse(response.id, ticketId);
      onInsert(data.body, response.title);
      onOpenChange(false);
    } catch (error) {
      notify('error', errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="canned-picker">
      <button
        type="button"
        class="secondary"
        aria-expanded={open}
        aria-controls="canned-panel"
        aria-keyshortcuts="/"
        onClick={() => onOpenChange(!open)}
      >
        {t('desk.cannedOpen')}
      </button>
      {open && (
        <div id="canned-panel" class="canned-panel card">
          <label for="canned-filter">{t('desk.cannedFilter')}</label>
          <input
            id="canned-filter"
            ref={filterField}
            type="search"
            autocomplete="off"
            aria-controls="canned-options"
            value={filter}
            onInput={(event) => setFilter(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                onOpenChange(false);
              } else if (event.key === 'Enter') {
                event.preventDefault();
                const first = shown[0];
                if (first) void choose(first);
              }
            }}
          />
          <p class="visually-hidden" aria-live="polite">
            {responses ? `${shown.length} / ${responses.length}` : ''}
          </p>
          {responses && shown.length === 0 && <p class="empty">{t('desk.cannedNone')}</p>}
          <ul id="canned-options" class="canned-options" aria-label={t('desk.cannedList')}>
            {shown.map((response) => (
              <li key={response.id}>
                <button
                  type="button"
                  class="link"
                  disabled={busy}
                  onClick={() => void choose(response)}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') onOpenChange(false);
                  }}
                >
                  {response.title}{' '}
                  <span class="muted">
                    ({response.shared ? t('desk.cannedShared') : t('desk.cannedPersonal')})
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
};
