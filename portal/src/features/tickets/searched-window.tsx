import type { SearchWindow } from '../../api/types.js';
import { useI18n } from '../../i18n/index.js';
import { olderWindow, windowLabel, withWindow } from './search-window.js';

/**
 * Under a search's results, and when it found nothing: which days it searched ("Searched
 * tickets created 1 Dec 2025 – 3 Dec 2026") and a link to the 24 months before, kept in the
 * address like the other filters.
 */
export const SearchedWindow = ({
  searched,
  path,
  search,
  older = true,
}: {
  searched: SearchWindow;
  /** The page's path: the older window is this path with the address's parameters and the new window. */
  path: string;
  search: string;
  /** Offer the older window (not when a reference found its ticket: its year was searched). */
  older?: boolean;
}) => {
  const { t, locale } = useI18n();
  return (
    <p class="hint searched-window">
      {t('search.searched', { window: windowLabel(searched, locale) })}
      {older && (
        <>
          {' '}
          <a href={`${path}${withWindow(search, olderWindow(searched))}`}>{t('search.older')}</a>
        </>
      )}
    </p>
  );
};
