import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/problem.js';
import type { Priority, TicketStatus } from '../api/types.js';
import { type I18n, useI18n } from '../i18n/index.js';

export const StatusBadge = ({ status }: { status: TicketStatus }) => {
  const { tx } = useI18n();
  return <span class={`badge status-${status}`}>{tx(`status.${status}`, status)}</span>;
};

export const PriorityLabel = ({ priority }: { priority: Priority }) => {
  const { tx } = useI18n();
  return <span class={`priority priority-${priority}`}>{tx(`priority.${priority}`, priority)}</span>;
};

export const DateTime = ({ iso }: { iso: string | null | undefined }) => {
  const { date, t } = useI18n();
  if (!iso) return <span>{t('app.none')}</span>;
  return <time dateTime={iso}>{date(iso)}</time>;
};

/** A readable sentence for any error the portal meets. */
export const errorText = (error: unknown, { t }: I18n): string => {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('errors.forbidden');
    if (error.status >= 500) return t('errors.generic');
    return error.problem.detail ?? error.problem.title;
  }
  if (error instanceof TypeError) return t('app.networkError');
  return error instanceof Error && error.message ? error.message : t('errors.generic');
};

export const ErrorMessage = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const i18n = useI18n();
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorText(error, i18n)}</p>
      {requestId && <p class="muted">{i18n.t('app.requestId', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {i18n.t('app.retry')}
        </button>
      )}
    </div>
  );
};

export const Loading = () => {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
};

/** Label, control and its inline error, wired together for screen readers. */
export const Field = ({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) => (
  <div class={error ? 'field field-invalid' : 'field'}>
    <label for={id}>{label}</label>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {children}
    {error && (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
  </div>
);

/** The aria attributes a control inside <Field> needs. */
export const describedBy = (id: string, error?: string, hint?: string) => ({
  id,
  'aria-invalid': error ? true : undefined,
  'aria-describedby':
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
});
