import type { Clock } from './ports.js';

/**
 * Values loaded per key and kept for `ttlMs`: concurrent callers share one load, and a failed
 * load is forgotten at once so the next caller tries again.
 */
export const ttlCache = <T>(clock: Clock, ttlMs: number) => {
  const entries = new Map<string, { until: number; value: Promise<T> }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const now = clock.now().getTime();
    const cached = entries.get(key);
    if (cached && now < cached.until) return cached.value;
    const value = load();
    entries.set(key, { until: now + ttlMs, value });
    value.catch(() => entries.delete(key));
    return value;
  };
};
