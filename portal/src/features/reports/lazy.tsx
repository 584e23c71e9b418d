import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ui.js';

let loaded: FunctionComponent | null = null;

/**
 * The Reports page behind a dynamic import: its code and uPlot come as their own chunk when a
 * user first opens it, so the initial bundle does not grow by them.
 */
export const Reports = () => {
  const [Page, setPage] = useState<FunctionComponent | null>(() => loaded);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (Page) return;
    let current = true;
    import('./reports-page.js')
      .then((module) => {
        loaded = module.default;
        if (current) setPage(() => module.default);
      })
      .catch((failure: unknown) => {
        if (current) setError(failure);
      });
    return () => {
      current = false;
    };
  }, [Page, attempt]);
  if (Page) return <Page />;
  if (error !== undefined)
    return (
      <ErrorMessage
        error={error}
        onRetry={() => {
          setError(undefined);
          setAttempt((count) => count + 1);
        }}
      />
    );
  return <Loading />;
};
