import { useEffect, useRef, useState } from 'preact/hooks';
import type { KbResult } from '../../api/endpoints.js';
import { errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { articleLink } from './editor-model.js';

/**
 * "Insert a link to an article" in the reply box: searches the published articles (the same
 * search as the help centre) and puts the chosen one's title and address at the cursor.
 */
export const KbLinkPicker = ({ onInsert }: { onInsert: (text: string, title: string) => void }) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<KbResult[] | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setResults(null);
    field.current?.focus();
  }, [open]);

  const find = async () => {
    if (!query.trim()) return;
    try {
      setResults((await api.searchKb(query.trim(), '', 8)).data.results);
    } catch (error) {
      notify('error', errorText(error, i18n));
    }
  };

  const choose = (result: KbResult) => {
    onInsert(articleLink(result, location.origin), result.title);
    setOpen(false);
  };

  return (
    <div class="kb-link-picker">
      <button
        type="button"
        class="secondary"
        aria-expanded={open}
        aria-controls="kb-link-panel"
        onClick={() => setOpen(!open)}
      >
        {t('kbEditor.insertLink')}
      </button>
      {open && (
        <div id="kb-link-panel" class="canned-panel card">
          <label for="kb-link-query">{t('kbEditor.linkSearch')}</label>
          <div class="inline-search">
            <input
              id="kb-link-query"
              ref={field}
              type="search"
              autocomplete="off"
              value={query}
              onInput={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  setOpen(false);
                } else if (event.key === 'Enter') {
                  // The reply box is a form: Enter searches here instead of sending the reply.
                  event.preventDefault();
                  void find();
                }
              }}
            />
            <button type="button" class="secondary" onClick={() => void find()}>
              {t('kbEditor.linkFind')}
            </button>
          </div>
          <p class="visually-hidden" aria-live="polite">
            {results ? `${results.length}` : ''}
          </p>
          {results && results.length === 0 && <p class="empty">{t('kbEditor.linkNone')}</p>}
          {results && results.length > 0 && (
            <ul class="canned-options" aria-label={t('kbEditor.linkResults')}>
              {results.map((result) => (
                <li key={result.id}>
                  <button
                    type="button"
                    class="link"
                    lang={result.language}
                    onClick={() => choose(result)}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') setOpen(false);
                    }}
                  >
                    {result.title}
                  </button>
                  <span class="hint"> {result.snippet}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
};
