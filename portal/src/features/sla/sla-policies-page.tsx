import { useRef, useState } from 'preact/hooks';
import { ApiError, normalisePath } from '../../api/problem.js';
import type { SlaCalendar, SlaPolicyPreview } from '../../api/types.js';
import { describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp, useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { DurationInput } from '../admin/duration-input.js';
import { useAdminI18n } from '../admin/i18n.js';
import {
  channels,
  type DraftErrors,
  type DraftField,
  errorKey,
  fromWire,
  newDraft,
  type PolicyDraft,
  placeServerErrors,
  priorities,
  toWire,
  validateDrafts,
} from './policy-form.js';

/**
 * The ordered SLA policies: edit, reorder, add, remove, and save the whole list at once (If-Match).
 * Durations are days/hours/minutes, the calendar is picked from the stored ones, and a save first
 * shows its effect on open tickets (POST /sla-policies/preview) with the choice of `applyTo`.
 */
export const SlaPoliciesPage = () => {
  const { api, notify } = useApp();
  const user = useUser();
  const readOnly = user.role !== 'admin';
  const i18n = useI18n();
  const { t } = i18n;
  const { a } = useAdminI18n();
  const [calendars, setCalendars] = useState<SlaCalendar[]>([]);
  const [preview, setPreview] = useState<SlaPolicyPreview | null>(null);
  const [applyTo, setApplyTo] = useState<'new' | 'open'>('new');
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const [drafts, setDrafts] = useState<PolicyDraft[]>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const loaded = useLoad(async () => {
    const [response, stored] = await Promise.all([api.getSlaPolicies(), api.listCalendars()]);
    setCalendars(stored.data.items);
    setPreview(null);
    setDrafts(response.data.policies.map(fromWire));
    setEtag(response.etag);
    setErrors({});
    setGeneral([]);
    return true;
  }, [api]);

  const update = (index: number, field: keyof PolicyDraft, value: PolicyDraft[keyof PolicyDraft]) => {
    // An edit makes the shown impact stale: the next save previews again.
    setPreview(null);
    setDrafts((previous) =>
      previous.map((draft, at) => (at === index ? { ...draft, [field]: value } : draft)),
    );
  };

  const move = (index: number, by: -1 | 1) => {
    setDrafts((previous) => {
      const next = [...previous];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });
    setErrors({});
  };

  const showErrors = (byField: DraftErrors, messages: string[], problem?: unknown) => {
    setErrors(byField);
    setGeneral(messages);
    setFailure(problem);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    const local = validateDrafts(drafts, {
      required: t('policies.required'),
      invalidDuration: a('sla.invalidDuration'),
      invalidFraction: t('policies.invalidFraction'),
      increasing: t('policies.increasing'),
    });
    if (Object.keys(local).length) {
      showErrors(local, []);
      return;
    }
    setBusy(true);
    try {
      // What the list would do to open tickets if applied to them; nothing is saved yet.
      const impact = await api.previewSlaPolicies(drafts.map(toWire), 'open');
      showErrors({}, []);
      setPreview(impact.data);
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (caught) {
      if (caught instanceof ApiError && caught.fieldErrors.length) {
        const placed = placeServerErrors(
          caught.fieldErrors.map((error) => ({ ...error, path: normalisePath(error.path) })),
        );
        showErrors(placed.byField, placed.general, caught);
      } else showErrors({}, [], caught);
    } finally {
      setBusy(false);
    }
  };

  const onConfirm = async () => {
    setBusy(true);
    try {
      const response = await api.putSlaPolicies(drafts.map(toWire), etag, applyTo);
      setPreview(null);
      setDrafts(response.data.policies.map(fromWire));
      setEtag(response.etag);
      showErrors({}, []);
      notify('success', t('policies.saved'));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412) {
        notify('error', a('stale'));
        await loaded.reload();
      } else if (caught instanceof ApiError && caught.fieldErrors.length) {
        const placed = placeServerErrors(
          caught.fieldErrors.map((error) => ({ ...error, path: normalisePath(error.path) })),
        );
        showErrors(placed.byField, placed.general, caught);
      } else showErrors({}, [], caught);
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error !== undefined || !loaded.data)
    return (
      <section>
        <h1>{t('policies.title')}</h1>
        {loaded.error !== undefined ? (
          <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <Loading />
        )}
      </section>
    );
  const hasErrors = Object.keys(errors).length > 0 || general.length > 0;

  const text = (index: number, draft: PolicyDraft, field: DraftField, label: string, hint?: string) => {
    const id = `policy-${draft.key}-${field}`;
    const error = errors[errorKey(index, field)];
    return (
      <Field id={id} label={label} error={error} hint={hint}>
        <input
          {...describedBy(id, error, hint)}
          value={draft[field] as string}
          readOnly={readOnly}
          onInput={(event) => update(index, field, event.currentTarget.value)}
        />
      </Field>
    );
  };

  const duration = (
    index: number,
    draft: PolicyDraft,
    field:
      | 'timeToOpen'
      | 'timeToResolve'
      | 'totalServiceTime'
      | 'pickupTimeout'
      | 'autoCloseAfter'
      | 'idleAfter',
    label: string,
  ) => (
    <DurationInput
      id={`policy-${draft.key}-${field}`}
      label={label}
      value={draft[field]}
      error={errors[errorKey(index, field)]}
      readOnly={readOnly}
      onChange={(value) => update(index, field, value)}
    />
  );

  /** The stored calendars by name (24×7 first); an id no calendar has any more stays selectable. */
  const calendarPicker = (index: number, draft: PolicyDraft) => {
    const id = `policy-${draft.key}-calendarId`;
    const error = errors[errorKey(index, 'calendarId')];
    const known = calendars.some((calendar) => calendar.id === draft.calendarId);
    return (
      <Field id={id} label={a('sla.calendar')} error={error}>
        <select
          {...describedBy(id, error)}
          value={draft.calendarId}
          disabled={readOnly}
          onChange={(event) => update(index, 'calendarId', event.currentTarget.value)}
        >
          {!known && <option value={draft.calendarId}>{draft.calendarId}</option>}
          {calendars.map((calendar) => (
            <option key={calendar.id} value={calendar.id}>
              {calendar.name}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const checks = (
    index: number,
    draft: PolicyDraft,
    field: 'priority' | 'channel',
    label: string,
    options: readonly string[],
  ) => {
    const error = errors[errorKey(index, field)];
    const errorId = `policy-${draft.key}-${field}-error`;
    return (
      <fieldset
        class={error ? 'checks field-invalid' : 'checks'}
        aria-describedby={error ? errorId : undefined}
      >
        <legend>{label}</legend>
        {options.map((option) => (
          <label key={option}>
            <input
              type="checkbox"
              checked={draft[field].includes(option)}
              disabled={readOnly}
              onChange={(event) =>
                update(
                  index,
                  field,
                  event.currentTarget.checked
                    ? [...draft[field], option]
                    : draft[field].filter((value) => value !== option),
                )
              }
            />{' '}
            {field === 'priority' ? i18n.tx(`priority.${option}`, option) : option}
          </label>
        ))}
        {error && (
          <p class="field-error" id={errorId}>
            {error}
          </p>
        )}
      </fieldset>
    );
  };

  return (
    <section>
      <h1>{t('policies.title')}</h1>
      <p class="hint">{t('policies.intro')}</p>
      <form onSubmit={onSave} noValidate>
        <div ref={summary} tabIndex={-1}>
          {hasErrors && (
            <div class="notice notice-error" role="alert">
              <p>{t('policies.errorSummary')}</p>
              {general.length > 0 && (
                <ul>
                  {general.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {!hasErrors && failure !== undefined && <ErrorMessage error={failure} />}
        </div>
        {drafts.length === 0 && <p class="empty">{t('policies.empty')}</p>}
        <ol class="policies">
          {drafts.map((draft, index) => (
            <li key={draft.key} class="card policy">
              <fieldset>
                <legend>
                  <h2>{t('policies.policy', { index: index + 1, name: draft.name || draft.id })}</h2>
                </legend>
                <div class="grid">
                  {text(index, draft, 'id', t('policies.id'))}
                  {text(index, draft, 'name', t('policies.name'))}
                  {calendarPicker(index, draft)}
                </div>
                <h3>{t('policies.match')}</h3>
                <div class="grid">
                  {checks(index, draft, 'priority', t('policies.priority'), priorities)}
                  {checks(index, draft, 'channel', t('policies.channel'), channels)}
                  {text(index, draft, 'category', t('policies.category'), t('policies.listHint'))}
                  {text(index, draft, 'orgId', t('policies.orgId'), t('policies.listHint'))}
                </div>
                <h3>{t('policies.targets')}</h3>
                <p class="hint">
                  {a('sla.durationHint')} {t('policies.emptyOff')}
                </p>
                <div class="grid">
                  {duration(index, draft, 'timeToOpen', t('policies.timeToOpen'))}
                  {duration(index, draft, 'timeToResolve', t('policies.timeToResolve'))}
                  {duration(index, draft, 'totalServiceTime', t('policies.totalServiceTime'))}
                  {text(index, draft, 'reminders', t('policies.reminders'), t('policies.remindersHint'))}
                  {text(index, draft, 'atRisk', t('policies.atRisk'))}
                  {duration(index, draft, 'pickupTimeout', t('policies.pickupTimeout'))}
                  {duration(index, draft, 'autoCloseAfter', t('policies.autoCloseAfter'))}
                  {duration(index, draft, 'idleAfter', t('policies.idleAfter'))}
                </div>
                {!readOnly && (
                  <div class="button-row">
                    <button
                      type="button"
                      class="secondary"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      {t('policies.moveUp')}
                      <span class="visually-hidden">: {draft.name || draft.id}</span>
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={index === drafts.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      {t('policies.moveDown')}
                      <span class="visually-hidden">: {draft.name || draft.id}</span>
                    </button>
                    <button
                      type="button"
                      class="danger"
                      onClick={() => {
                        setDrafts((previous) => previous.filter((_, at) => at !== index));
                        setErrors({});
                      }}
                    >
                      {t('policies.remove')}
                      <span class="visually-hidden">: {draft.name || draft.id}</span>
                    </button>
                  </div>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
        {preview && !readOnly && (
          <section class="card preview" aria-labelledby="policy-preview-title">
            <h2 id="policy-preview-title" ref={previewHeading} tabIndex={-1}>
              {a('sla.previewTitle')}
            </h2>
            <p>{a('sla.openTickets', { count: preview.openTickets })}</p>
            <p>
              {a('sla.affected', {
                affected: preview.affected,
                examined: preview.examined,
                breach: preview.wouldBreachNow,
              })}
            </p>
            <fieldset>
              <legend>{a('sla.applyTo')}</legend>
              {(['new', 'open'] as const).map((choice) => (
                <label key={choice}>
                  <input
                    type="radio"
                    name="apply-to"
                    value={choice}
                    checked={applyTo === choice}
                    onChange={() => setApplyTo(choice)}
                  />{' '}
                  {a(choice === 'new' ? 'sla.applyNew' : 'sla.applyOpen')}
                </label>
              ))}
            </fieldset>
            <div class="button-row">
              <button type="button" disabled={busy} onClick={onConfirm}>
                {a('sla.confirm')}
              </button>
              <button type="button" class="secondary" onClick={() => setPreview(null)}>
                {a('sla.back')}
              </button>
            </div>
          </section>
        )}
        {!readOnly && !preview && (
          <div class="button-row">
            <button
              type="button"
              class="secondary"
              onClick={() =>
                setDrafts((previous) => [...previous, newDraft(t('policies.newName'), previous.length)])
              }
            >
              {t('policies.add')}
            </button>
            <button type="submit" disabled={busy}>
              {t('policies.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
};
