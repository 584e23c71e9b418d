import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../../components/ui.js';
import { useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { paths } from '../../lib/routes.js';
import { isAdminTextLoaded, loadAdminTexts, useAdminI18n } from './i18n.js';
import { pagesFor } from './pages.js';

const ConsoleBody = ({ section }: { section: string | null }) => {
  const user = useUser();
  const { a, t } = useAdminI18n();
  const pages = pagesFor(user.role);
  const current = section === null ? pages[0] : pages.find((page) => page.id === section);
  useEffect(() => {
    document.title = `${current ? a(current.title) : a('title')} · ${t('app.name')}`;
  });
  return (
    <div class="admin-console">
      <nav class="admin-nav" aria-label={a('menu')}>
        <p class="admin-title">{a('title')}</p>
        <ul>
          {pages.map((page) => (
            <li key={page.id}>
              <a href={paths.adminSection(page.id)} aria-current={page === current ? 'page' : undefined}>
                {a(page.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-page">
        {current ? (
          <current.Page />
        ) : (
          <section>
            <h2>{t('app.notFound')}</h2>
            <p>{t('app.notFoundText')}</p>
          </section>
        )}
      </div>
    </div>
  );
};

/** The admin console: a menu of the pages the user's role may open (./pages.ts) and the page chosen. */
export const AdminConsole = ({ section }: { section: string | null }) => {
  const { language } = useI18n();
  const [, setReady] = useState(0);
  useEffect(() => {
    if (!isAdminTextLoaded(language)) void loadAdminTexts(language).then(() => setReady((n) => n + 1));
  }, [language]);
  // English is the fallback: the console shows once it is there, a new language fills in when loaded.
  if (!isAdminTextLoaded('en')) return <Loading />;
  return <ConsoleBody section={section} />;
};
