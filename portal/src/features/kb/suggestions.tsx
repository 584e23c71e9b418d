import { useEffect, useState } from 'preact/hooks';
import type { KbResult } from '../../api/endpoints.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { suggestionOpened } from './deflection.js';
import { ArticleResults } from './help-centre.js';

/** Up to 3 articles matching what the client types as the subject of a new ticket (after a pause). */
export const ArticleSuggestions = ({ subject }: { subject: string }) => {
  const { api } = useApp();
  const { t, language } = useI18n();
  const [results, setResults] = useState<KbResult[]>([]);

  useEffect(() => {
    const text = subject.trim();
    if (text.length < 3) {
      setResults([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api
        .searchKb(text, language, 3)
        .then(({ data }) => current && setResults(data.results.slice(0, 3)))
        .catch(() => current && setResults([]));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, subject, language]);

  return (
    <div aria-live="polite">
      {results.length > 0 && (
        <section class="notice notice-info kb-suggestions">
          <h2>{t('kb.suggestions')}</h2>
          <ArticleResults results={results} onOpen={suggestionOpened} />
        </section>
      )}
    </div>
  );
};
