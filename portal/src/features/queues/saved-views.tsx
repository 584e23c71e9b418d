import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem.js';
import type { SavedView } from '../../api/types.js';
import { errorText } from '../../components/ui.js';
import { useApp, useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { filtersOf, type QueueFilters, viewOf, writeFilters } from './queue-filters.js';

/**
 * The queue page's saved views (docs/desk.md): pick one to apply its filters and sort, save the
 * current ones under a name (leads and admins may share it with the team), update or delete the
 * chosen one. Shared views come first.
 */
export const SavedViews = ({ filters }: { filters: QueueFilters }) => {
  const { api, notify } = useApp();
  const user = useUser();
  const i18n = useI18n();
  const { t } = i18n;
  const mayShare = user.role === 'lead' || user.role === 'admin';
  const views = useLoad(() => api.listViews(), [api]);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const nameField = useRef<HTMLInputElement>(null);
  const chosen = views.data?.find((view) => view.id === filters.view);
  const mayWrite = (view: SavedView) => (view.shared ? mayShare : view.owner.id === user.id);

  /**
   * Opening a view from the picker is a new history entry (Back returns to the filters before
   * it, docs/desk.md); after a save or a delete the filters stay and only the view id changes,
   * so that replaces the entry.
   */
  const apply = (view: SavedView | undefined, options: { replace: boolean }) => {
    const next = view ? filtersOf(view) : { ...filters, view: '' };
    navigate(`${paths.queue}${writeFilters(next)}`, options);
  };

  const failed = async (error: unknown) => {
    if (error instanceof ApiError && error.status === 412) {
      notify('error', t('views.stale'));
      await views.reload();
    } else notify('error', errorText(error, i18n));
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setNameError(t('views.name'));
      nameField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.createView({
        name: name.trim(),
        shared: mayShare && shared,
        ...viewOf(filters),
      });
      await views.reload();
      setSaving(false);
      setName('');
      setNameError(undefined);
      notify('success', t('views.saved', { name: data.name }));
      apply(data, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length) {
        setNameError(error.fieldErrors.map((field) => field.message).join(' '));
        nameField.current?.focus();
      } else await failed(error);
    } finally {
      setBusy(false);
    }
  };

  const onUpdate = async (view: SavedView) => {
    setBusy(true);
    try {
      await api.patchView(view.id, view.version, viewOf(filters));
      await views.reload();
      notify('success', t('views.updated', { name: view.name }));
    } catch (error) {
      await failed(error);
    } finally {
      setBusy(false);
    }
  };

  const onDelete = async (view: SavedView) => {
    setBusy(true);
    try {
      await api.deleteView(view.id, view.version);
      await views.reload();
      notify('success', t('views.deleted', { name: view.name }));
      apply(undefined, { replace: true });
    } catch (error) {
      await failed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="saved-views">
      <div class="field inline">
        <label for="saved-view">{t('views.label')}</label>
        <select
          id="saved-view"
          value={chosen ? chosen.id : ''}
          onChange={(event) =>
            apply(
              views.data?.find((view) => view.id === event.currentTarget.value),
              { replace: false },
            )
          }
        >
          <option value="">{t('views.none')}</option>
          {(views.data ?? []).map((view) => (
            <option key={view.id} value={view.id}>
              {view.name} ({view.shared ? t('views.team') : t('views.mine')})
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        class="secondary"
        aria-expanded={saving}
        aria-controls="save-view-form"
        onClick={() => {
          setSaving(!saving);
          requestAnimationFrame(() => nameField.current?.focus());
        }}
      >
        {t('views.save')}
      </button>
      {chosen && mayWrite(chosen) && (
        <>
          <button type="button" class="secondary" disabled={busy} onClick={() => void onUpdate(chosen)}>
            {t('views.update')}
          </button>
          <button
            type="button"
            class="secondary danger"
            disabled={busy}
            onClick={() => void onDelete(chosen)}
          >
            {t('views.delete')}
          </button>
        </>
      )}
      {saving && (
        <form id="save-view-form" class="card save-view" onSubmit={onSave} aria-label={t('views.save')}>
          <div class={nameError ? 'field field-invalid' : 'field'}>
            <label for="view-name">{t('views.name')}</label>
            <input
              id="view-name"
              ref={nameField}
              maxLength={80}
              value={name}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'view-name-error' : undefined}
              onInput={(event) => setName(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setSaving(false);
              }}
            />
            {nameError && (
              <p class="field-error" id="view-name-error">
                {nameError}
              </p>
            )}
          </div>
          {mayShare ? (
            <label class="checkbox">
              <input
                type="checkbox"
                checked={shared}
                onChange={(event) => setShared(event.currentTarget.checked)}
              />{' '}
              {t('views.shared')}
            </label>
          ) : (
            <p class="hint">{t('views.sharedHint')}</p>
          )}
          <div class="button-row">
            <button type="submit" disabled={busy}>
              {t('views.saveConfirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setSaving(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
};
