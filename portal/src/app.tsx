import type { JSX } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from './api/client.js';
import { endpoints } from './api/endpoints.js';
import type { Me, RuntimeConfig } from './api/types.js';
import { clearSession, cognitoSignOutUrl, readSession, saveSession } from './auth/session.js';
import { ErrorMessage, Loading } from './components/ui.js';
import { AppContext, type AppState, isStaff, type Notice } from './context.js';
import { AdminConsoleLoader } from './features/admin/loader.js';
import { Shortcuts } from './features/desk/shortcuts.js';
import { SetPasswordPage } from './features/identity/set-password.js';
import { CallbackPage, SignInPage } from './features/identity/sign-in.js';
import { ArticlePage, HelpPage } from './features/kb/help-centre.js';
import { HeaderSearch, TicketSearchPage } from './features/kb/ticket-search.js';
import { NotificationBell } from './features/notifications/bell.js';
import { AvailabilityToggle } from './features/queues/availability.js';
import { LeadPage } from './features/queues/lead-page.js';
import { QueuePage } from './features/queues/queue-page.js';
import { Reports } from './features/reports/lazy.js';
import { MyTicketsPage } from './features/tickets/my-tickets.js';
import { NewTicketPage } from './features/tickets/new-ticket.js';
import { loadStatusLabels } from './features/tickets/status-labels.js';
import { TicketPage } from './features/tickets/ticket-page.js';
import {
  hasChosenLanguage,
  I18nContext,
  isLanguage,
  type Language,
  languageNames,
  languages,
  type MessageKey,
  makeI18n,
  pickLanguage,
  rememberLanguage,
  switchLanguage,
  useI18n,
} from './i18n/index.js';
import { interceptLinks, navigate, useLocation } from './lib/navigation.js';
import { matchRoute, paths, type Route } from './lib/routes.js';

const pageTitles: Partial<Record<Route['page'], MessageKey>> = {
  signIn: 'signIn.title',
  setPassword: 'setPassword.title',
  newTicket: 'nav.newTicket',
  queue: 'nav.queue',
  lead: 'nav.lead',
  admin: 'nav.admin',
  help: 'kb.title',
  reports: 'nav.reports',
  kb: 'nav.kb',
  notFound: 'app.notFound',
};

const publicPages = new Set<Route['page']>(['signIn', 'callback', 'setPassword', 'help', 'article']);

/** Which pages each role may open (the API enforces the same; this only keeps the menu honest). */
const allowed = (route: Route, user: Me): boolean => {
  switch (route.page) {
    case 'queue':
    case 'search':
    // Agents read their own figures there (agent=me); leads and admins everyone's.
    case 'reports':
    case 'kb':
    case 'kbNew':
    case 'kbEdit':
      return isStaff(user);
    case 'lead':
    case 'admin':
      return user.role === 'lead' || user.role === 'admin';
    default:
      return true;
  }
};

const NotFound = () => {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundText')}</p>
      <a href="/">{t('app.backHome')}</a>
    </section>
  );
};

type KbEditorModule = typeof import('./features/kb/editor.js');
let kbEditorModule: Promise<KbEditorModule> | undefined;

/** The knowledge-base editor loads on demand: clients and the first paint never download it. */
const KbEditorPages = ({ render }: { render: (kb: KbEditorModule) => JSX.Element }) => {
  const [kb, setKb] = useState<KbEditorModule | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  useEffect(() => {
    kbEditorModule ??= import('./features/kb/editor.js');
    kbEditorModule.then(setKb, setFailure);
  }, []);
  if (failure !== undefined) return <ErrorMessage error={failure} />;
  return kb ? render(kb) : <Loading />;
};

const Page = ({ route, user }: { route: Route; user: Me }) => {
  if (!allowed(route, user)) return <NotFound />;
  switch (route.page) {
    case 'home':
      return isStaff(user) ? <QueuePage /> : <MyTicketsPage />;
    case 'newTicket':
      return <NewTicketPage />;
    case 'ticket':
      return <TicketPage id={route.id} />;
    case 'queue':
      return <QueuePage />;
    case 'lead':
      return <LeadPage />;
    case 'admin':
      return <AdminConsoleLoader section={route.section} />;
    case 'search':
      return <TicketSearchPage />;
    case 'reports':
      return <Reports />;
    case 'kb':
      return <KbEditorPages render={(kb) => <kb.KbListPage />} />;
    case 'kbNew':
      return <KbEditorPages render={(kb) => <kb.KbEditorPage />} />;
    case 'kbEdit':
      return <KbEditorPages render={(kb) => <kb.KbEditorPage key={route.id} id={route.id} />} />;
    default:
      return <NotFound />;
  }
};

const navFor = (user: Me) => {
  const links: {
    href: string;
    key: 'myTickets' | 'newTicket' | 'queue' | 'kb' | 'lead' | 'reports' | 'admin';
  }[] = [];
  if (!isStaff(user)) links.push({ href: paths.home, key: 'myTickets' });
  else links.push({ href: paths.queue, key: 'queue' });
  links.push({ href: paths.newTicket, key: 'newTicket' });
  if (isStaff(user)) links.push({ href: paths.kb, key: 'kb' });
  if (isStaff(user)) links.push({ href: paths.reports, key: 'reports' });
  if (user.role === 'lead' || user.role === 'admin') {
    links.push({ href: paths.lead, key: 'lead' });
    // The admin console: every admin page for admins, the queues they lead for leads.
    links.push({ href: paths.admin, key: 'admin' });
  }
  return links;
};

export const App = ({ config, initialLanguage }: { config: RuntimeConfig; initialLanguage: Language }) => {
  const [user, setUser] = useState<Me | null>(() => readSession()?.user ?? null);
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const { path, search } = useLocation();
  const route = matchRoute(path);
  const main = useRef<HTMLElement>(null);
  // Bumped when the admins' status labels arrive, so the texts are looked up again.
  const [statusLabels, setStatusLabels] = useState(0);
  const i18n = useMemo(() => makeI18n(language, user?.timeZone), [language, user?.timeZone, statusLabels]);

  const changeLanguage = useCallback(async (next: Language) => {
    await switchLanguage(next);
    setLanguage(next);
  }, []);

  const signOutLocally = useCallback(() => {
    clearSession();
    setUser(null);
  }, []);

  // The client reads the texts through a ref: new texts (the admins' status labels arriving after
  // sign-in) must not make a new client, or every page loaded with it would load again and lose
  // what the user has typed meanwhile. A new language does make one: pages reload in it.
  const texts = useRef(i18n);
  texts.current = i18n;
  const api = useMemo(
    () =>
      endpoints(
        new ApiClient(
          config.apiBase,
          () => readSession()?.token ?? null,
          () => {
            signOutLocally();
            setNotice({ kind: 'info', text: texts.current.t('app.sessionExpired'), path: paths.signIn });
            navigate(`${paths.signIn}?next=${encodeURIComponent(location.pathname + location.search)}`);
          },
          () => texts.current.language,
        ),
      ),
    [config.apiBase, signOutLocally, language],
  );

  const state = useMemo<AppState>(
    () => ({
      config,
      user,
      api,
      signedIn: (token, me) => {
        saveSession(token, me);
        setUser(me);
        // The account's language applies unless the user picked one on this device.
        if (!hasChosenLanguage() && me.locale) {
          const preferred = pickLanguage([me.locale]);
          if (isLanguage(preferred) && preferred !== language) void changeLanguage(preferred);
        }
      },
      signOut: () => {
        signOutLocally();
        if (config.auth === 'cognito') location.assign(cognitoSignOutUrl(config));
        else navigate(paths.signIn);
      },
      notify: (kind, text, where) => setNotice({ kind, text, path: where ?? location.pathname }),
    }),
    [config, user, api, language, changeLanguage, signOutLocally],
  );

  // Pages behind sign-in send a signed-out visitor to the sign-in page and back afterwards.
  useEffect(() => {
    if (!user && !publicPages.has(route.page))
      navigate(`${paths.signIn}?next=${encodeURIComponent(path + search)}`, { replace: true });
    if (user && route.page === 'signIn') navigate(paths.home, { replace: true });
  }, [user, route.page, path, search]);

  useEffect(() => (main.current ? interceptLinks(document.body) : undefined), []);

  // The statuses as the admins named them (features/tickets/status-labels.ts); built-in texts otherwise.
  useEffect(() => {
    if (!user) return;
    loadStatusLabels(api).then(
      () => setStatusLabels((n) => n + 1),
      () => undefined,
    );
  }, [user?.id]);

  // Name the tab after the page; after a navigation (not the first load) move focus to the page,
  // so a screen reader starts reading the new content and the keyboard starts from there.
  // Only a new path moves focus: new texts (a language, the admins' status labels arriving) do not.
  const focusedPath = useRef(path);
  useEffect(() => {
    const title = pageTitles[route.page];
    // The ticket page names its tab after the ticket itself, once loaded.
    if (route.page !== 'ticket')
      document.title = title ? `${i18n.t(title)} · ${i18n.t('app.name')}` : i18n.t('app.name');
    if (focusedPath.current === path) return;
    focusedPath.current = path;
    main.current?.focus({ preventScroll: true });
  }, [path, i18n]);

  // On a phone the menu folds away again once the user went somewhere.
  useEffect(() => setMenuOpen(false), [path]);

  const visibleNotice = notice && notice.path === path ? notice : null;

  // A toast never hides an action: its height is reserved below the page and as scroll padding
  // (styles.css, --toast-room), and the control the user just used is scrolled clear of it.
  const toastRegion = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const height = toastRegion.current?.getBoundingClientRect().height ?? 0;
    if (!visibleNotice || height === 0) {
      root.style.removeProperty('--toast-room');
      return;
    }
    root.style.setProperty('--toast-room', `${Math.ceil(height) + 24}px`);
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.matches('button, a, input, select, textarea'))
      active.scrollIntoView({ block: 'nearest' });
  }, [visibleNotice]);

  // Confirmations fade after a while; errors stay until dismissed or the user moves on.
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const timer = setTimeout(() => setNotice((current) => (current === notice ? null : current)), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <AppContext.Provider value={state}>
      <I18nContext.Provider value={i18n}>
        <a class="skip-link" href="#main">
          {i18n.t('app.skip')}
        </a>
        <header class="topbar">
          <a class="brand" href="/">
            {i18n.t('app.name')}
          </a>
          {user && isStaff(user) && <NotificationBell />}
          <button
            type="button"
            class="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span> {i18n.t('app.menu')}
          </button>
          <div id="site-menu" class={menuOpen ? 'site-menu open' : 'site-menu'}>
            {/* In the bar on wide screens; folded into the menu on a phone, like the navigation. */}
            {user && isStaff(user) && <HeaderSearch />}
            {user && user.role !== 'client' && 'email' in user && (
              <AvailabilityToggle userId={user.id} role={user.role} />
            )}
            {user && (
              <nav aria-label={i18n.t('app.mainNav')}>
                <ul>
                  <li>
                    <a href={paths.help} aria-current={path === paths.help ? 'page' : undefined}>
                      {i18n.t('kb.title')}
                    </a>
                  </li>
                  {navFor(user).map((link) => (
                    <li key={link.href}>
                      <a
                        href={link.href}
                        aria-current={
                          path === link.href || (link.key === 'admin' && path.startsWith(`${link.href}/`))
                            ? 'page'
                            : undefined
                        }
                      >
                        {i18n.t(`nav.${link.key}`)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <div class="account">
              <label class="visually-hidden" for="language">
                {i18n.t('app.language')}
              </label>
              <select
                id="language"
                value={language}
                onChange={(event) => {
                  const next = event.currentTarget.value;
                  if (isLanguage(next)) {
                    rememberLanguage(next);
                    void changeLanguage(next);
                  }
                }}
              >
                {languages.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {languageNames[code]}
                  </option>
                ))}
              </select>
              {user && (
                <>
                  <span class="who">
                    {i18n.t('app.signedInAs', {
                      name: user.name,
                      role: i18n.tx(`roles.${user.role}`, user.role),
                    })}
                  </span>
                  <button type="button" class="link" onClick={state.signOut}>
                    {i18n.t('app.signOut')}
                  </button>
                </>
              )}
            </div>
          </div>
        </header>
        <div class="toast-region" role="status" aria-live="polite" ref={toastRegion}>
          {visibleNotice && (
            <div class={`notice notice-${visibleNotice.kind} toast`}>
              <p>{visibleNotice.text}</p>
              <button
                type="button"
                class="link"
                aria-label={i18n.t('app.close')}
                onClick={() => setNotice(null)}
              >
                ×
              </button>
            </div>
          )}
        </div>
        {user && isStaff(user) && <Shortcuts />}
        <main id="main" ref={main} tabIndex={-1}>
          {route.page === 'help' ? (
            <HelpPage />
          ) : route.page === 'article' ? (
            <ArticlePage id={route.id} />
          ) : route.page === 'signIn' && !user ? (
            <SignInPage />
          ) : route.page === 'callback' ? (
            <CallbackPage />
          ) : route.page === 'setPassword' ? (
            <SetPasswordPage />
          ) : user ? (
            <Page route={route} user={user} />
          ) : null}
        </main>
      </I18nContext.Provider>
    </AppContext.Provider>
  );
};
