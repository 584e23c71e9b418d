import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fieldErrorMap } from '../../api/problem.js';
import type { Article, ArticleVersion, NewArticle } from '../../api/types.js';
import { DateTime, describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp, useUser } from '../../context.js';
import { languageNames, languages, useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { navigate, useLocation } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { articleFromTicket } from './editor-model.js';

/**
 * The staff knowledge-base editor (docs/kb.md): the list with its filters, and one form for a new
 * article or a change. Loaded on demand (app.tsx), so clients never download it. The API decides
 * who may publish; the form only explains it (agents save drafts).
 */

type Status = Article['status'];
type Visibility = Article['visibility'];

interface Draft {
  title: string;
  body: string;
  language: Article['language'];
  category: string;
  tags: string;
  visibility: Visibility;
  status: Status;
  translationOf: string;
}

const emptyDraft = (language: Article['language']): Draft => ({
  title: '',
  body: '',
  language,
  category: 'general',
  tags: '',
  visibility: 'public',
  status: 'draft',
  translationOf: '',
});

const fromArticle = (article: Article): Draft => ({
  title: article.title,
  body: article.body,
  language: article.language,
  category: article.category,
  tags: article.tags.join(', '),
  visibility: article.visibility,
  status: article.status,
  translationOf: article.translationOf ?? '',
});

const tagList = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

const toNew = (draft: Draft): NewArticle => ({
  title: draft.title,
  body: draft.body,
  language: draft.language,
  category: draft.category,
  tags: tagList(draft.tags),
  visibility: draft.visibility,
  status: draft.status,
  ...(draft.translationOf ? { translationOf: draft.translationOf } : {}),
});

const isKbLanguage = (value: string): value is Article['language'] =>
  (languages as readonly string[]).includes(value);

const useKbLabels = () => {
  const { t } = useI18n();
  return {
    status: (status: Status) =>
      status === 'draft' ? t('kbEditor.statusDraft') : t('kbEditor.statusPublished'),
    visibility: (visibility: Visibility) =>
      visibility === 'public' ? t('kbEditor.visibilityPublic') : t('kbEditor.visibilityInternal'),
  };
};

/** `/kb`: every article (staff see drafts and internal ones) by language, category and status. */
export const KbListPage = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const labels = useKbLabels();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const filters = {
    lang: params.get('lang') ?? '',
    category: params.get('category') ?? '',
    status: params.get('status') ?? '',
  };
  const [category, setCategory] = useState(filters.category);
  const list = useLoad(
    async () =>
      (
        await api.listArticlesFiltered({
          ...(filters.lang ? { lang: filters.lang } : {}),
          ...(filters.category ? { category: filters.category } : {}),
          ...(filters.status ? { status: filters.status } : {}),
        })
      ).data,
    [search],
  );

  const apply = (next: Partial<typeof filters>) => {
    const merged = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...next })) if (value) merged.set(key, value);
    const text = merged.toString();
    navigate(`${paths.kb}${text ? `?${text}` : ''}`, { replace: true });
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('kbEditor.title')}</h1>
        <a class="button" href={paths.kbNew}>
          {t('kbEditor.new')}
        </a>
      </div>
      <form
        class="filters"
        aria-label={t('kbEditor.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          apply({ category: category.trim() });
        }}
      >
        <div class="field inline">
          <label for="kb-filter-lang">{t('kbEditor.language')}</label>
          <select
            id="kb-filter-lang"
            value={filters.lang}
            onChange={(event) => apply({ lang: event.currentTarget.value })}
          >
            <option value="">{t('kbEditor.anyLanguage')}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="kb-filter-status">{t('kbEditor.status')}</label>
          <select
            id="kb-filter-status"
            value={filters.status}
            onChange={(event) => apply({ status: event.currentTarget.value })}
          >
            <option value="">{t('kbEditor.anyStatus')}</option>
            <option value="draft">{t('kbEditor.statusDraft')}</option>
            <option value="published">{t('kbEditor.statusPublished')}</option>
          </select>
        </div>
        <div class="field inline">
          <label for="kb-filter-category">{t('kbEditor.category')}</label>
          <input
            id="kb-filter-category"
            value={category}
            onInput={(event) => setCategory(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="secondary">
          {t('kbEditor.apply')}
        </button>
      </form>
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p class="empty">{t('kbEditor.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table class="kb-list">
          <caption class="visually-hidden">{t('kbEditor.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kbEditor.fieldTitle')}</th>
              <th scope="col">{t('kbEditor.language')}</th>
              <th scope="col">{t('kbEditor.category')}</th>
              <th scope="col">{t('kbEditor.status')}</th>
              <th scope="col">{t('kbEditor.visibility')}</th>
              <th scope="col">{t('kbEditor.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((article) => (
              <tr key={article.id}>
                <td>
                  <a href={paths.kbEdit(article.id)} lang={article.language}>
                    {article.title}
                  </a>
                </td>
                <td>{languageNames[article.language]}</td>
                <td>{article.category}</td>
                <td>{labels.status(article.status)}</td>
                <td>{labels.visibility(article.visibility)}</td>
                <td>
                  <DateTime iso={article.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

/** `/kb/new` (optionally `?translationOf=<id>` or `?fromTicket=<id>`) and `/kb/<id>/edit`. */
export const KbEditorPage = ({ id }: { id?: string }) => {
  const { api, notify } = useApp();
  const user = useUser();
  const { t, tx, language } = useI18n();
  const labels = useKbLabels();
  const { search } = useLocation();
  const mayPublish = user.role === 'lead' || user.role === 'admin';
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(isKbLanguage(language) ? language : 'en'));
  const [article, setArticle] = useState<Article | null>(null);
  /** The version the next save is based on: a 412 moves it to the newest after showing it. */
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [theirs, setTheirs] = useState<Article | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(!id);
  const summary = useRef<HTMLDivElement>(null);

  const originals = useLoad(async () => (await api.listArticlesFiltered({})).data.items, []);
  const versions = useLoad(
    async () => (id ? (await api.articleVersions(id)).data.items : ([] as ArticleVersion[])),
    [id, article?.version],
  );

  useEffect(() => {
    setFailure(undefined);
    if (id) {
      api
        .getArticle(id)
        .then(({ data }) => {
          setArticle(data);
          setBaseVersion(data.version);
          setDraft(fromArticle(data));
          setLoaded(true);
        })
        .catch(setFailure);
      return;
    }
    const params = new URLSearchParams(search);
    const original = params.get('translationOf');
    const ticketId = params.get('fromTicket');
    if (original)
      api
        .getArticle(original)
        .then(({ data }) =>
          setDraft((now) => ({
            ...now,
            translationOf: data.translationOf ?? data.id,
            category: data.category,
            tags: data.tags.join(', '),
            visibility: data.visibility,
            language: languages.find((code) => code !== data.language) ?? now.language,
          })),
        )
        .catch(setFailure);
    if (ticketId)
      Promise.all([api.getTicket(ticketId), api.listMessages(ticketId)])
        .then(([ticket, messages]) =>
          setDraft((now) => ({ ...now, ...articleFromTicket(ticket.data, messages.data.items) })),
        )
        .catch(setFailure);
  }, [id, search]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((now) => ({ ...now, [key]: value }));

  const onPreview = async () => {
    try {
      setPreview((await api.previewArticle(draft.body)).data.html);
    } catch (caught) {
      setFailure(caught);
    }
  };

  const showProblem = (caught: unknown) => {
    if (caught instanceof ApiError && caught.fieldErrors.length) {
      const { byPath } = fieldErrorMap(caught.fieldErrors);
      setErrors(byPath);
    } else setErrors({});
    setFailure(caught);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      if (!id || !article || baseVersion === null) {
        const { data } = await api.createArticle(toNew(draft));
        notify('success', t('kbEditor.created'), paths.kbEdit(data.id));
        navigate(paths.kbEdit(data.id));
        return;
      }
      const { translationOf: _unchangeable, ...patch } = toNew(draft);
      const { data } = await api.patchArticle(id, baseVersion, patch);
      setArticle(data);
      setBaseVersion(data.version);
      setTheirs(null);
      notify('success', t('kbEditor.saved', { version: data.version }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412 && id) {
        // Someone saved meanwhile: keep the user's text, show theirs, and base the next save on it.
        const { data } = await api.getArticle(id);
        setTheirs(data);
        setBaseVersion(data.version);
        setFailure(undefined);
        requestAnimationFrame(() => summary.current?.focus());
      } else showProblem(caught);
    } finally {
      setBusy(false);
    }
  };

  const onDelete = async () => {
    if (!id || baseVersion === null || !article) return;
    if (!confirm(t('kbEditor.deleteConfirm', { title: article.title }))) return;
    try {
      await api.deleteArticle(id, baseVersion);
      notify('success', t('kbEditor.deleted'), paths.kb);
      navigate(paths.kb);
    } catch (caught) {
      showProblem(caught);
    }
  };

  if (!loaded)
    return (
      <section>
        <h1>{t('kbEditor.title')}</h1>
        {failure !== undefined ? <ErrorMessage error={failure} /> : <Loading />}
      </section>
    );

  const others = (originals.data ?? []).filter((one) => !one.translationOf && one.id !== id);
  const fieldError = (name: string) => errors[name];

  return (
    <section>
      <p>
        <a href={paths.kb}>{t('kbEditor.back')}</a>
      </p>
      <h1>{article ? t('kbEditor.edit', { title: article.title }) : t('kbEditor.new')}</h1>
      <div ref={summary} tabIndex={-1}>
        {theirs && (
          <div class="notice notice-warning" role="alert">
            <p>
              <strong>{t('kbEditor.stale', { version: theirs.version, name: theirs.updatedBy.name })}</strong>
            </p>
            <p>{t('kbEditor.staleText')}</p>
            <details>
              <summary>{t('kbEditor.theirVersion')}</summary>
              <pre class="kb-theirs">{theirs.body}</pre>
            </details>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setArticle(theirs);
                setDraft(fromArticle(theirs));
                setTheirs(null);
              }}
            >
              {t('kbEditor.takeTheirs')}
            </button>
          </div>
        )}
        {failure !== undefined && <ErrorMessage error={failure} />}
      </div>
      <form class="card kb-editor" onSubmit={onSave} aria-label={t('kbEditor.form')}>
        <Field id="kb-title" label={t('kbEditor.fieldTitle')} error={fieldError('title')}>
          <input
            {...describedBy('kb-title', fieldError('title'))}
            required
            maxLength={200}
            value={draft.title}
            onInput={(event) => set('title', event.currentTarget.value)}
          />
        </Field>
        <div class="field-row">
          <Field id="kb-language" label={t('kbEditor.language')} error={fieldError('language')}>
            <select
              {...describedBy('kb-language', fieldError('language'))}
              value={draft.language}
              onChange={(event) => {
                const next = event.currentTarget.value;
                if (isKbLanguage(next)) set('language', next);
              }}
            >
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageNames[code]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="kb-category" label={t('kbEditor.category')} error={fieldError('category')}>
            <input
              {...describedBy('kb-category', fieldError('category'))}
              value={draft.category}
              onInput={(event) => set('category', event.currentTarget.value)}
            />
          </Field>
          <Field
            id="kb-tags"
            label={t('kbEditor.tags')}
            hint={t('kbEditor.tagsHint')}
            error={fieldError('tags')}
          >
            <input
              {...describedBy('kb-tags', fieldError('tags'), t('kbEditor.tagsHint'))}
              value={draft.tags}
              onInput={(event) => set('tags', event.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="field-row">
          <Field id="kb-visibility" label={t('kbEditor.visibility')}>
            <select
              id="kb-visibility"
              value={draft.visibility}
              onChange={(event) =>
                set('visibility', event.currentTarget.value === 'internal' ? 'internal' : 'public')
              }
            >
              <option value="public">{labels.visibility('public')}</option>
              <option value="internal">{labels.visibility('internal')}</option>
            </select>
          </Field>
          <Field
            id="kb-status"
            label={t('kbEditor.status')}
            hint={mayPublish ? undefined : t('kbEditor.agentDraftOnly')}
            error={fieldError('status')}
          >
            <select
              {...describedBy(
                'kb-status',
                fieldError('status'),
                mayPublish ? undefined : t('kbEditor.agentDraftOnly'),
              )}
              value={draft.status}
              onChange={(event) =>
                set('status', event.currentTarget.value === 'published' ? 'published' : 'draft')
              }
            >
              <option value="draft">{labels.status('draft')}</option>
              <option value="published" disabled={!mayPublish}>
                {labels.status('published')}
              </option>
            </select>
          </Field>
          <Field id="kb-translation" label={t('kbEditor.translationOf')} error={fieldError('translationOf')}>
            <select
              {...describedBy('kb-translation', fieldError('translationOf'))}
              value={draft.translationOf}
              disabled={Boolean(article)}
              onChange={(event) => set('translationOf', event.currentTarget.value)}
            >
              <option value="">{t('kbEditor.notATranslation')}</option>
              {others.map((one) => (
                <option key={one.id} value={one.id}>
                  {one.title} ({one.language})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          id="kb-body"
          label={t('kbEditor.fieldBody')}
          hint={t('kbEditor.bodyHint')}
          error={fieldError('body')}
        >
          <textarea
            {...describedBy('kb-body', fieldError('body'), t('kbEditor.bodyHint'))}
            rows={14}
            value={draft.body}
            onInput={(event) => set('body', event.currentTarget.value)}
          />
        </Field>
        <div class="button-row">
          <button type="submit" disabled={busy}>
            {t('kbEditor.save')}
          </button>
          <button type="button" class="secondary" onClick={() => void onPreview()}>
            {t('kbEditor.preview')}
          </button>
          {article && (
            <a
              class="button secondary"
              href={`${paths.kbNew}?translationOf=${encodeURIComponent(article.id)}`}
            >
              {t('kbEditor.addTranslation')}
            </a>
          )}
          {article?.status === 'published' && article.visibility === 'public' && (
            <a class="button secondary" href={paths.article(article.id)}>
              {t('kbEditor.openHelp')}
            </a>
          )}
          {article && mayPublish && (
            <button type="button" class="secondary danger" onClick={() => void onDelete()}>
              {t('kbEditor.delete')}
            </button>
          )}
        </div>
      </form>
      <section aria-labelledby="kb-preview-title" class="card">
        <h2 id="kb-preview-title">{t('kbEditor.previewTitle')}</h2>
        {preview === null ? (
          <p class="hint">{t('kbEditor.previewEmpty')}</p>
        ) : (
          // Sanitized by the API: POST /kb/preview runs the same pass a save stores (docs/kb.md).
          <div class="kb-article" lang={draft.language} dangerouslySetInnerHTML={{ __html: preview }} />
        )}
      </section>
      {id && (
        <section aria-labelledby="kb-versions-title" class="card">
          <h2 id="kb-versions-title">{t('kbEditor.versions')}</h2>
          {versions.error !== undefined && <ErrorMessage error={versions.error} onRetry={versions.reload} />}
          <ol class="kb-versions">
            {(versions.data ?? []).map((version) => (
              <li key={version.version}>
                {t('kbEditor.versionLine', {
                  version: version.version,
                  change: tx(`kbEditor.change.${version.change}`, version.change),
                  name: version.author.name,
                  status: labels.status(version.status),
                })}{' '}
                · <DateTime iso={version.at} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
};
