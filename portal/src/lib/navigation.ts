import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  search: string;
}

const current = (): Location => ({ path: location.pathname, search: location.search });
const listeners = new Set<(location: Location) => void>();

const notify = () => {
  const next = current();
  for (const listener of listeners) listener(next);
};

/** Client-side navigation: push (or replace) the history entry and re-render the app. */
export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
  window.scrollTo(0, 0);
};

export const useLocation = (): Location => {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    listeners.add(setLocation);
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setLocation);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
};

/**
 * Turns plain same-origin `<a href="/...">` clicks into client-side navigation, so links stay
 * real links (open in new tab, copy address) and no Link component is needed.
 */
export const interceptLinks = (root: HTMLElement): (() => void) => {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}${url.hash}`);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
};
