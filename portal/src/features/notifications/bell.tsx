import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AgentNotification, AgentNotificationKind, NotificationPreferences } from '../../api/types.js';
import { DateTime, ErrorMessage, errorText } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { paths } from '../../lib/routes.js';
import { badgeText, startPolling } from './polling.js';

const kinds: readonly AgentNotificationKind[] = [
  'ticketCreated',
  'clientReplied',
  'ticketReopened',
  'ticketAssigned',
  'mentioned',
];

/** The mail switches per kind (docs/notifications.md): the notification itself always appears here. */
const MailPreferences = () => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [preferences, setPreferences] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    api.getPreferences().then(
      (response) => setPreferences(response.data),
      (failure: unknown) => setError(failure),
    );
  }, [api]);

  const toggle = async (kind: AgentNotificationKind, on: boolean) => {
    if (!preferences) return;
    const next = { mail: { ...preferences.mail, [kind]: on } };
    setPreferences(next);
    try {
      setPreferences((await api.putPreferences(next)).data);
      notify('success', t('notifications.saved'));
    } catch (failure) {
      setPreferences(preferences);
      notify('error', errorText(failure, i18n));
    }
  };

  if (error) return <ErrorMessage error={error} />;
  if (!preferences) return null;
  return (
    <fieldset class="notification-preferences">
      <legend>{t('notifications.mailTitle')}</legend>
      {kinds.map((kind) => (
        <label key={kind} class="checkbox">
          <input
            type="checkbox"
            checked={preferences.mail[kind]}
            onChange={(event) => void toggle(kind, event.currentTarget.checked)}
          />
          {t(`notifications.kinds.${kind}`)}
        </label>
      ))}
    </fieldset>
  );
};

const Item = ({ item, onOpen }: { item: AgentNotification; onOpen: (item: AgentNotification) => void }) => {
  const { t } = useI18n();
  const values = { actor: item.actor.name, reference: item.ticketReference };
  return (
    <li class={item.read ? 'notification read' : 'notification unread'}>
      <a href={paths.ticket(item.ticketId)} onClick={() => onOpen(item)}>
        <span class="notification-what">
          {!item.read && <span class="visually-hidden">{t('notifications.new')} </span>}
          {t(`notifications.summary.${item.kind}`, values)}
        </span>
        <span class="notification-subject">{item.ticketSubject}</span>
        {item.excerpt && <span class="notification-excerpt">{item.excerpt}</span>}
      </a>
      <DateTime iso={item.at} />
    </li>
  );
};

/**
 * The bell in the header, for staff: the unread count (in the button's name, and announced
 * politely when it changes), refreshed every 30 s and on focus; a panel with the newest
 * notifications, each a link to its ticket (opening one marks it read), "mark all read",
 * and the mail preferences.
 */
export const NotificationBell = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<AgentNotification[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const panel = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    const page = (await api.listNotifications()).data;
    setUnread(page.unread);
    setItems(page.items);
    setError(undefined);
  }, [api]);

  useEffect(
    () =>
      startPolling(() => refresh().catch((failure: unknown) => setError(failure)), {
        window,
        document,
      }),
    [refresh],
  );

  // Escape closes the panel and gives the focus back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    panel.current?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const answer = (await api.markNotificationsRead(body)).data;
    setUnread(answer.unread);
    setItems(
      (current) =>
        current?.map((item) =>
          'all' in body || body.ids.includes(item.id) ? { ...item, read: true } : item,
        ) ?? null,
    );
  };

  const onOpen = (item: AgentNotification) => {
    setOpen(false);
    if (!item.read) void markRead({ ids: [item.id] }).catch((failure: unknown) => setError(failure));
  };

  return (
    <div class="notification-bell">
      <button
        ref={button}
        type="button"
        class="bell"
        aria-label={t('notifications.bell', { count: unread })}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🔔</span>
        {unread > 0 && (
          <span class="bell-count" aria-hidden="true">
            {badgeText(unread)}
          </span>
        )}
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">
        {unread > 0 ? t('notifications.unread', { count: unread }) : ''}
      </span>
      {open && (
        <section
          id="notification-panel"
          class="notification-panel"
          aria-label={t('notifications.title')}
          tabIndex={-1}
          ref={panel}
        >
          <div class="notification-head">
            <h2>{t('notifications.title')}</h2>
            <button
              type="button"
              class="link"
              disabled={unread === 0}
              onClick={() => void markRead({ all: true }).catch((failure: unknown) => setError(failure))}
            >
              {t('notifications.markAllRead')}
            </button>
          </div>
          {error ? <ErrorMessage error={error} onRetry={() => void refresh()} /> : null}
          {items && items.length === 0 && <p class="empty">{t('notifications.empty')}</p>}
          {items && items.length > 0 && (
            <ul class="notification-list">
              {items.map((item) => (
                <Item key={item.id} item={item} onOpen={onOpen} />
              ))}
            </ul>
          )}
          <MailPreferences />
        </section>
      )}
    </div>
  );
};
