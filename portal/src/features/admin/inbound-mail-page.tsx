import { useState } from 'preact/hooks';
import type { DeadLetter, InboundMailSettings, UnknownSenders } from '../../api/types.js';
import { DateTime, ErrorMessage, errorText, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { senderLimitFields } from './sender-limits.js';

const unknownSenderChoices = ['triage', 'reject'] as const satisfies readonly UnknownSenders[];

/** The admins' choice for mail from senders of no known organisation (`PUT /inbound-mail/settings`). */
const SettingsForm = () => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const settings = useLoad(async () => (await api.getInboundSettings()).data, []);
  const [draft, setDraft] = useState<InboundMailSettings | null>(null);
  const [busy, setBusy] = useState(false);
  if (settings.error !== undefined) return <ErrorMessage error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  const current = draft ?? settings.data;
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      settings.setData((await api.putInboundSettings(current)).data);
      setDraft(null);
      notify('success', t('mail.settingsSaved'));
    } catch (error) {
      notify('error', errorText(error, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={save} class="card">
      <fieldset>
        <legend>{t('mail.unknownSenders')}</legend>
        {unknownSenderChoices.map((choice) => (
          <label key={choice} class="choice">
            <input
              type="radio"
              name="unknownSenders"
              value={choice}
              checked={current.unknownSenders === choice}
              onChange={() => setDraft({ ...current, unknownSenders: choice })}
            />{' '}
            {choice === 'triage' ? t('mail.unknownTriage') : t('mail.unknownReject')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mail.senderLimits')}</legend>
        {senderLimitFields.map((field) => (
          <label key={field.name}>
            {t(`mail.${field.name}`)}
            <input
              type="number"
              name={field.name}
              min={field.min}
              max={field.max}
              required
              value={current[field.name] ?? field.default}
              onInput={(event) => setDraft({ ...current, [field.name]: event.currentTarget.valueAsNumber })}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || draft === null}>
        {t('app.save')}
      </button>
    </form>
  );
};

/** The dead-letter list: each kept mail with its reason, and a Retry once the cause is fixed. */
const DeadLetters = () => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState<DeadLetter[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const first = useLoad(async () => (await api.listDeadLetters()).data, []);
  const letters = [...(first.data?.items ?? []), ...more];
  const next = more.length ? cursor : (first.data?.nextCursor ?? null);

  const reload = async () => {
    setMore([]);
    setCursor(null);
    await first.reload();
  };
  const loadMore = async () => {
    if (!next) return;
    const { data } = await api.listDeadLetters(next);
    setMore((previous) => [...previous, ...data.items]);
    setCursor(data.nextCursor);
  };
  const retry = async (letter: DeadLetter) => {
    setBusy(letter.id);
    try {
      const { data } = await api.retryDeadLetter(letter.id);
      if (data.outcome === 'dead-letter')
        notify('error', t('mail.stillFailing', { reason: data.reason ?? '' }));
      else notify('success', t('mail.processed', { outcome: data.reference ?? data.outcome }));
      await reload();
    } catch (error) {
      notify('error', errorText(error, i18n));
    } finally {
      setBusy(null);
    }
  };

  if (first.error !== undefined) return <ErrorMessage error={first.error} onRetry={reload} />;
  if (!first.data) return <Loading />;
  if (letters.length === 0) return <p class="empty">{t('mail.noDeadLetters')}</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="dead-letters">
          <caption class="visually-hidden">{t('mail.deadLetters')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mail.received')}</th>
              <th scope="col">{t('mail.sender')}</th>
              <th scope="col">{t('mail.subject')}</th>
              <th scope="col">{t('mail.reason')}</th>
              <th scope="col">{t('mail.attempts')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('mail.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => {
              const sender = letter.from ?? t('mail.unknownSender');
              const subject = letter.subject ?? t('mail.noSubject');
              return (
                <tr key={letter.id}>
                  <td data-label={t('mail.received')}>
                    <DateTime iso={letter.receivedAt} />
                  </td>
                  <td data-label={t('mail.sender')}>{sender}</td>
                  <td data-label={t('mail.subject')}>{subject}</td>
                  <td data-label={t('mail.reason')}>{letter.reason}</td>
                  <td data-label={t('mail.attempts')}>{letter.attempts}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy !== null}
                      aria-label={t('mail.retryLabel', { sender, subject })}
                      onClick={() => void retry(letter)}
                    >
                      {t('mail.retry')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {next && (
        <button type="button" class="secondary" onClick={() => void loadMore()}>
          {t('app.loadMore')}
        </button>
      )}
    </>
  );
};

/** `/admin/inbound-mail`: the e-mail channel for admins (docs/inbound-mail.md). */
export const InboundMailPage = () => {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('mail.inbound')}</h1>
      <section aria-labelledby="inbound-settings-title">
        <h2 id="inbound-settings-title">{t('mail.settings')}</h2>
        <SettingsForm />
      </section>
      <section aria-labelledby="dead-letters-title">
        <h2 id="dead-letters-title">{t('mail.deadLetters')}</h2>
        <p>{t('mail.deadLettersIntro')}</p>
        <DeadLetters />
      </section>
    </section>
  );
};
