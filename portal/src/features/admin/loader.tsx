import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ui.js';

type ConsoleModule = typeof import('./console.js');

/**
 * The admin console is loaded on demand (its pages, builders and their texts in four languages
 * are a chunk of their own), so people who never administer anything never download it.
 */
export const AdminConsoleLoader = ({ section }: { section: string | null }) => {
  const [loaded, setLoaded] = useState<ConsoleModule | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    import('./console.js').then(
      (module) => current && setLoaded(module),
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  if (loaded) return <loaded.AdminConsole section={section} />;
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
