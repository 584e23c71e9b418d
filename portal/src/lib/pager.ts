import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../api/types.js';

type Fetch<T> = (source: number, cursor: string | null) => Promise<Page<T>>;

export interface Pager<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  reload: () => Promise<void>;
}

/**
 * Pages through one or more cursor lists at once (e.g. one per status for "all active
 * tickets"): the first page of each, then "load more" fetches the next page of every list
 * that has one. A reload or a change of `key` starts again; answers to stale requests are dropped.
 */
export const usePager = <T extends { id: string }>(
  sources: number,
  fetchPage: Fetch<T>,
  key: string,
): Pager<T> => {
  const [items, setItems] = useState<T[]>([]);
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const fetchFrom = useCallback(async (starts: (string | null | undefined)[], append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const pages = await Promise.all(
        starts.map((cursor, source) =>
          cursor === undefined ? Promise.resolve(null) : fetcher.current(source, cursor),
        ),
      );
      if (mine !== generation.current) return;
      const fresh = pages.flatMap((page) => page?.items ?? []);
      setItems((previous) => {
        const merged = append ? [...previous, ...fresh] : fresh;
        const byId = new Map(merged.map((item) => [item.id, item]));
        return [...byId.values()];
      });
      setCursors((previous) =>
        pages.map((page, source) => (page ? page.nextCursor : (previous[source] ?? null))),
      );
    } catch (caught) {
      if (mine === generation.current) setError(caught);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(
    () =>
      fetchFrom(
        Array.from({ length: sources }, () => null),
        false,
      ),
    [fetchFrom, sources],
  );

  useEffect(() => {
    void reload();
  }, [key, reload]);

  const loadMore = useCallback(
    () =>
      fetchFrom(
        cursors.map((cursor) => (cursor === null ? undefined : cursor)),
        true,
      ),
    [cursors, fetchFrom],
  );

  return { items, loading, error, hasMore: cursors.some((cursor) => cursor !== null), loadMore, reload };
};
