import { useEffect, useRef, useState } from 'preact/hooks';
import type { KbResult } from '../../api/endpoints.js';
import type { Article } from '../../api/types.js';
import { ErrorMessage } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLocation } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { leftArticle } from './deflection.js';

/** Search results as links with their snippets. */
export const ArticleResults = ({
  results,
  onOpen,
}: {
  results: readonly KbResult[];
  onOpen?: (id: string) => void;
}) => (
  <ul class="kb-results">
    {results.map((result) => (
      <li key={result.id}>
        <a href={paths.article(result.id)} lang={result.language} onClick={() => onOpen?.(result.id)}>
          {result.title}
        </a>
        <p class="hint">{result.snippet}</p>
      </li>
    ))}
  </ul>
);

/** The public help centre (`/help`): search, and the articles of the reader's language by category. */
export const HelpPage = () => {
  const { api } = useApp();
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<KbResult[] | null>(null);
  const [articles, setArticles] = useState<Article[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);

  useEffect(() => {
    api
      .listArticles(language)
      .then(({ data }) => setArticles(data.items))
      .catch(setFailure);
  }, [api, language]);

  const onSearch = async (event: Event) => {
    event.preventDefault();
    if (!query.trim()) return setResults(null);
    try {
      setResults((await api.searchKb(query, language, 10)).data.results);
    } catch (caught) {
      setFailure(caught);
    }
  };

  const categories = [...new Set(articles.map((article) => article.category))].sort();
  return (
    <section>
      <h1>{t('kb.title')}</h1>
      <form aria-label={t('kb.searchLabel')} onSubmit={onSearch} class="card">
        <label for="kb-query">{t('kb.searchLabel')}</label>
        <input
          id="kb-query"
          type="search"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <button type="submit">{t('kb.search')}</button>
      </form>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {results !== null && (
        <section aria-live="polite">
          <h2>{t('kb.results', { count: results.length })}</h2>
          <ArticleResults results={results} />
        </section>
      )}
      {categories.map((category) => (
        <section key={category}>
          <h2>{category}</h2>
          <ul>
            {articles
              .filter((article) => article.category === category)
              .map((article) => (
                <li key={article.id}>
                  <a href={paths.article(article.id)}>{article.title}</a>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {articles.length === 0 && failure === undefined && <p>{t('kb.empty')}</p>}
    </section>
  );
};

/** One article; its HTML was sanitized by the API (no scripts, no event handlers). */
export const ArticlePage = ({ id }: { id: string }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [article, setArticle] = useState<Article | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const { path } = useLocation();
  const opened = useRef(path);

  useEffect(() => {
    api
      .getArticle(id)
      .then(({ data }) => {
        setArticle(data);
        document.title = `${data.title} · ${t('kb.title')}`;
      })
      .catch(setFailure);
  }, [api, id, t]);

  // Leaving the article (for anywhere but the new-ticket form) may count a deflection.
  useEffect(() => {
    if (path !== opened.current) leftArticle(id, path, paths.newTicket, api.recordDeflection);
  }, [id, path]);
  useEffect(() => () => leftArticle(id, location.pathname, paths.newTicket, api.recordDeflection), [id]);

  if (failure !== undefined) return <ErrorMessage error={failure} />;
  if (!article) return <p>{t('app.loading')}</p>;
  return (
    <article lang={article.language}>
      <p>
        <a href={paths.help}>{t('kb.back')}</a>
      </p>
      <h1>{article.title}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the API (js-xss allow-list, docs/kb.md) */}
      <div class="kb-article" dangerouslySetInnerHTML={{ __html: article.html }} />
      <p>
        <a href={paths.newTicket}>{t('kb.stillNeedHelp')}</a>
      </p>
    </article>
  );
};
