import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../../components/ui.js';

/** The mail-templates page, loaded on demand: only admins open it, so it stays out of the first bundle. */
export const MailTemplatesRoute = () => {
  const [page, setPage] = useState<{ Page: ComponentType } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let live = true;
    import('./mail-templates-page.js')
      .then((module) => live && setPage({ Page: module.MailTemplatesPage }))
      .catch((caught: unknown) => live && setError(caught));
    return () => {
      live = false;
    };
  }, []);
  if (error !== undefined) return <ErrorMessage error={error} />;
  return page ? <page.Page /> : <Loading />;
};
