/** How often the bell asks for the unread count while the page is open. */
export const POLL_INTERVAL_MS = 30_000;

export interface PollTarget {
  addEventListener(type: 'focus' | 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'focus' | 'visibilitychange', listener: () => void): void;
}

/**
 * Calls `refresh` now, every `intervalMs`, and whenever the window regains focus or the tab
 * becomes visible again, so the count is fresh without a reload. A refresh still running is
 * not started twice; a hidden tab is not polled. Returns the function that stops it all.
 */
export const startPolling = (
  refresh: () => Promise<void>,
  options: {
    intervalMs?: number;
    window: PollTarget;
    document: PollTarget & { visibilityState: string };
    setInterval?: (fn: () => void, ms: number) => unknown;
    clearInterval?: (handle: unknown) => void;
  },
): (() => void) => {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running || options.document.visibilityState === 'hidden') return;
    running = refresh()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
  };
  const onVisible = () => {
    if (options.document.visibilityState !== 'hidden') tick();
  };
  const every = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stop = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  const handle = every(tick, options.intervalMs ?? POLL_INTERVAL_MS);
  options.window.addEventListener('focus', tick);
  options.document.addEventListener('visibilitychange', onVisible);
  tick();
  return () => {
    stop(handle);
    options.window.removeEventListener('focus', tick);
    options.document.removeEventListener('visibilitychange', onVisible);
  };
};

/** The badge text: the count, capped so the bell keeps its size. */
export const badgeText = (unread: number): string => (unread > 99 ? '99+' : String(unread));
