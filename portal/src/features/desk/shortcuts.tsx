import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';

/** The keys of the staff desk, listed in the help dialog (`?`). */
const keys: readonly (readonly [string, MessageKey])[] = [
  ['?', 'desk.keyHelp'],
  ['j', 'desk.keyNext'],
  ['k', 'desk.keyPrevious'],
  ['Enter', 'desk.keyOpen'],
  ['r', 'desk.keyReply'],
  ['n', 'desk.keyNote'],
  ['/', 'desk.keySearch'],
  ['g q', 'desk.keyQueue'],
];

/** Asks the open ticket page to focus its reply box as a reply, a note, or with the canned responses open. */
export const COMPOSE_EVENT = 'desk:compose';
export type ComposeMode = 'reply' | 'note' | 'canned';

const typingIn = (target: EventTarget | null) => {
  const element = target as HTMLElement | null;
  return !!element?.closest('input, textarea, select, [contenteditable="true"], dialog');
};

const queueRows = () => [...document.querySelectorAll<HTMLTableRowElement>('table.tickets tbody tr')];

/**
 * Keyboard shortcuts for staff. Each one is announced in a polite live region, the help dialog
 * lists them all, and none fires while the user types in a field (or with Ctrl, Alt or Meta), so
 * screen-reader and browser keys keep working.
 */
export const Shortcuts = () => {
  const { t } = useI18n();
  const help = useRef<HTMLDialogElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const selected = useRef(-1);
  const pendingG = useRef(0);

  useEffect(() => {
    const select = (step: number) => {
      const rows = queueRows();
      if (rows.length === 0) return;
      for (const row of rows) row.classList.remove('selected');
      selected.current = Math.min(rows.length - 1, Math.max(0, selected.current + step));
      const row = rows[selected.current];
      if (!row) return;
      row.classList.add('selected');
      const link = row.querySelector<HTMLAnchorElement>('a.reference');
      link?.focus();
      const subject = row.querySelector('td.subject')?.textContent ?? '';
      setAnnouncement(
        t('desk.selected', {
          reference: link?.textContent ?? '',
          subject,
          position: selected.current + 1,
          count: rows.length,
        }),
      );
    };
    const compose = (mode: ComposeMode, message: MessageKey | null) => {
      if (!document.getElementById('reply')) return;
      window.dispatchEvent(new CustomEvent<ComposeMode>(COMPOSE_EVENT, { detail: mode }));
      if (message) setAnnouncement(t(message));
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || typingIn(event.target)) return;
      const gPressed = Date.now() - pendingG.current < 1500;
      pendingG.current = 0;
      switch (event.key) {
        case '?':
          event.preventDefault();
          help.current?.showModal();
          return;
        case 'j':
          select(1);
          return;
        case 'k':
          select(-1);
          return;
        case 'Enter': {
          const row = queueRows()[selected.current];
          const link = row?.querySelector<HTMLAnchorElement>('a.reference');
          if (link && document.activeElement !== link) {
            event.preventDefault();
            navigate(link.getAttribute('href') ?? paths.queue);
          }
          return;
        }
        case 'r':
          event.preventDefault();
          compose('reply', 'desk.replyFocused');
          return;
        case 'n':
          event.preventDefault();
          compose('note', 'desk.noteFocused');
          return;
        case '/': {
          event.preventDefault();
          const search = document.querySelector<HTMLInputElement>('[data-shortcut="search"]');
          if (search) search.focus();
          else compose('canned', null);
          return;
        }
        case 'g':
          pendingG.current = Date.now();
          return;
        case 'q':
          if (gPressed) {
            event.preventDefault();
            selected.current = -1;
            navigate(paths.queue);
            setAnnouncement(t('nav.queue'));
          }
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [t]);

  return (
    <>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <p class="visually-hidden">{t('desk.shortcutsHint')}</p>
      <dialog ref={help} class="shortcuts-dialog" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('desk.shortcuts')}</h2>
        <dl class="shortcuts">
          {keys.map(([key, label]) => (
            <div key={key}>
              <dt>
                {key.split(' ').map((part) => (
                  <kbd key={part}>{part}</kbd>
                ))}
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit">{t('app.close')}</button>
        </form>
      </dialog>
    </>
  );
};
