import type { SearchWindow } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';
import { olderWindow, readWindow, withWindow } from './search-window.js';

/**
 * Under a search's results: which months it searched ("Searched tickets created from Dec 2025
 * to Dec 2026") and a link to the older window, kept in the address like the other filters.
 */
export const SearchedWindow = ({
  searched,
  path,
  search,
}: {
  searched: SearchWindow;
  /** The page's path: the older window is this path with the address's parameters and the new window. */
  path: string;
  search: string;
}) => {
  const { t, locale } = useI18n();
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const older = olderWindow(searched, readWindow(new URLSearchParams(search)));
  return (
    <p class="hint searched-window">
      {t('search.searched', {
        from: month.format(new Date(searched.createdFrom)),
        to: month.format(new Date(searched.createdTo)),
      })}{' '}
      <a href={`${path}${withWindow(search, older)}`}>{t('search.older')}</a>
    </p>
  );
};
