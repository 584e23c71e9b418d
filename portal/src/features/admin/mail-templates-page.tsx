import { useEffect, useState } from 'preact/hooks';
import type { MailPreview, MailTemplate } from '../../api/types.js';
import { ErrorMessage, errorText, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { type Language, languageNames, languages, useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';

/** How long typing pauses before the preview is rendered again. */
const PREVIEW_DELAY_MS = 300;
const RULE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** The live preview of the draft (or, while it is empty, of the stored or built-in text). */
const Preview = ({
  kind,
  language,
  subject,
  body,
}: {
  kind: string;
  language: Language;
  subject: string;
  body: string;
}) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const draft = subject.trim() || body.trim() ? { subject, body } : {};
        const answer = await api.previewMailTemplate(kind, language, draft, abort.signal);
        setPreview(answer.data);
        setError(undefined);
      } catch (caught) {
        if (!abort.signal.aborted) setError(caught);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, kind, language, subject, body]);
  return (
    <section class="mail-preview" aria-labelledby="mail-preview-title" aria-live="polite">
      <h2 id="mail-preview-title">{t('mailTemplates.preview', { language: languageNames[language] })}</h2>
      {error !== undefined ? (
        <ErrorMessage error={error} />
      ) : preview ? (
        <>
          <p>
            <strong>{t('mailTemplates.subject')}:</strong>{' '}
            <span data-testid="preview-subject">{preview.subject}</span>
          </p>
          <pre class="mail-preview-text" data-testid="preview-text">
            {preview.text}
          </pre>
        </>
      ) : (
        <Loading />
      )}
    </section>
  );
};

/** The editor of one kind in one language, at the version read (If-Match). */
const Editor = ({ template, onSaved }: { template: MailTemplate; onSaved: () => void }) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body ?? '');
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.putMailTemplate(template.kind, template.language, template.version, { subject, body });
      notify('success', t('mailTemplates.saved'));
      onSaved();
    } catch (caught) {
      setError(caught);
      notify('error', errorText(caught, i18n));
    }
  };
  /** Back to the built-in text, after the admin confirms (the stored text is gone, the audit keeps it). */
  const reset = async () => {
    const names = { kind: template.kind, language: languageNames[template.language] };
    if (!confirm(t('mailTemplates.resetConfirm', names))) return;
    setError(undefined);
    try {
      await api.resetMailTemplate(template.kind, template.language, template.version);
      notify('success', t('mailTemplates.resetDone', names));
      onSaved();
    } catch (caught) {
      setError(caught);
      notify('error', errorText(caught, i18n));
    }
  };
  return (
    <div class="mail-template-editor">
      <form onSubmit={submit} aria-labelledby="mail-template-form-title">
        <h2 id="mail-template-form-title">
          {t('mailTemplates.editing', { kind: template.kind, language: languageNames[template.language] })}
        </h2>
        <p class="muted">
          {template.customised ? t('mailTemplates.customised') : t('mailTemplates.builtIn')}
        </p>
        <p>
          <label for="mail-template-subject">{t('mailTemplates.subject')}</label>
          <input
            id="mail-template-subject"
            required
            maxLength={200}
            value={subject}
            onInput={(event) => setSubject(event.currentTarget.value)}
          />
        </p>
        <p>
          <label for="mail-template-body">{t('mailTemplates.body')}</label>
          <textarea
            id="mail-template-body"
            required
            rows={10}
            maxLength={5000}
            aria-describedby="mail-template-placeholders"
            value={body}
            onInput={(event) => setBody(event.currentTarget.value)}
          />
        </p>
        <p id="mail-template-placeholders">
          {t('mailTemplates.placeholders')}{' '}
          {template.placeholders.map((name) => (
            <code key={name}>{`{{${name}}} `}</code>
          ))}
        </p>
        {error !== undefined && <ErrorMessage error={error} />}
        <div class="button-row">
          <button type="submit">{t('app.save')}</button>
          {template.customised && (
            <button type="button" class="secondary" onClick={reset}>
              {t('mailTemplates.reset')}
            </button>
          )}
        </div>
      </form>
      <Preview kind={template.kind} language={template.language} subject={subject} body={body} />
    </div>
  );
};

const blank = (kind: string, language: Language, placeholders: string[]): MailTemplate => ({
  kind,
  language,
  customised: false,
  placeholders,
  subject: null,
  body: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

/** Admins: every mail's text per kind and language, with a live preview (docs/mail-templates.md). */
export const MailTemplatesPage = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const data = useLoad(() => api.listMailTemplates(), [api]);
  const [kind, setKind] = useState('acknowledgement');
  const [language, setLanguage] = useState<Language>('en');
  const [added, setAdded] = useState<string[]>([]);
  const [ruleName, setRuleName] = useState('');
  if (data.error !== undefined) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const templates = data.data;
  const kinds = [...new Set([...templates.map((template) => template.kind), ...added])];
  const rulePlaceholders = templates.find((template) => template.kind.startsWith('rule.'))?.placeholders ?? [
    'reference',
    'ticketSubject',
    'recipientName',
    'ticketUrl',
    'priority',
    'queue',
    'status',
    'requesterName',
    'assigneeName',
  ];
  const current =
    templates.find((template) => template.kind === kind && template.language === language) ??
    blank(kind, language, rulePlaceholders);
  const addRule = (event: Event) => {
    event.preventDefault();
    const name = ruleName.trim();
    if (!RULE_NAME.test(name)) return;
    setAdded([...added, `rule.${name}`]);
    setKind(`rule.${name}`);
    setRuleName('');
  };
  return (
    <section aria-labelledby="mail-templates-title">
      <h1 id="mail-templates-title">{t('mailTemplates.title')}</h1>
      <p>{t('mailTemplates.intro')}</p>
      <div class="mail-template-choice">
        <p>
          <label for="mail-template-kind">{t('mailTemplates.kind')}</label>
          <select
            id="mail-template-kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
          >
            {kinds.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </p>
        <fieldset>
          <legend>{t('mailTemplates.language')}</legend>
          {languages.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="mail-template-language"
                value={option}
                checked={option === language}
                onChange={() => setLanguage(option)}
              />{' '}
              {languageNames[option]}
            </label>
          ))}
        </fieldset>
      </div>
      <Editor
        key={`${current.kind}-${current.language}-${current.version}`}
        template={current}
        onSaved={data.reload}
      />
      <form onSubmit={addRule} aria-labelledby="mail-template-rule-title">
        <h2 id="mail-template-rule-title">{t('mailTemplates.newRule')}</h2>
        <p>
          <label for="mail-template-rule-name">{t('mailTemplates.ruleName')}</label>
          <input
            id="mail-template-rule-name"
            pattern="[a-z0-9][a-z0-9_\-]{0,39}"
            value={ruleName}
            onInput={(event) => setRuleName(event.currentTarget.value)}
          />
        </p>
        <button type="submit" class="secondary">
          {t('mailTemplates.addRule')}
        </button>
      </form>
    </section>
  );
};
