import { useState } from 'preact/hooks';
import type { StatusLabels, StatusList } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { languageNames, languages } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { applyStatusLabels } from '../tickets/status-labels.js';
import { useAdminI18n } from './i18n.js';
import { useSave } from './save.js';

type Statuses = StatusList['statuses'];

/** What the form sends: the labels typed, an empty box left out (that language shows the built-in text). */
const labelsOf = (statuses: Statuses): StatusLabels['labels'] =>
  Object.fromEntries(
    statuses.map(({ id, labels }) => [
      id,
      Object.fromEntries(Object.entries(labels).filter(([, text]) => text?.trim())),
    ]),
  );

/**
 * What the statuses are called in each portal language (`GET/PUT /statuses`): labels only, the
 * state machine stays as it is. Saved at the version read (If-Match); once saved, the portal
 * shows the new labels wherever it shows a status.
 */
export const StatusLabelsPage = () => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [drafts, setDrafts] = useState<Statuses>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const { errors, busy, run } = useSave();
  const data = useLoad(async () => {
    const response = await api.getStatuses();
    setDrafts(response.data.statuses);
    setEtag(response.etag);
    return true;
  }, [api]);
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const response = await api.putStatusLabels(labelsOf(drafts), etag);
      setDrafts(response.data.statuses);
      setEtag(response.etag);
      applyStatusLabels(response.data.statuses);
      return a('statusLabels.saved');
    }, data.reload);
  };
  return (
    <section>
      <h1>{a('pages.statusLabels')}</h1>
      <p id="status-labels-hint">{a('statusLabels.intro')}</p>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <form class="admin-form" onSubmit={submit} aria-label={a('pages.statusLabels')}>
          <div class="table-wrap">
            <table class="edit-grid">
              <caption class="visually-hidden">{a('pages.statusLabels')}</caption>
              <thead>
                <tr>
                  <th scope="col">{a('statusLabels.status')}</th>
                  {languages.map((code) => (
                    <th scope="col" key={code}>
                      {languageNames[code]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {drafts.map((status, index) => (
                  <tr key={status.id}>
                    <th scope="row">
                      <code>{status.id}</code>
                    </th>
                    {languages.map((code) => {
                      const error = errors[`labels.${status.id}.${code}`];
                      return (
                        <td key={code}>
                          <input
                            lang={code}
                            maxLength={40}
                            aria-label={a('statusLabels.labelIn', {
                              status: status.id,
                              language: languageNames[code],
                            })}
                            aria-describedby="status-labels-hint"
                            aria-invalid={error ? true : undefined}
                            value={status.labels[code] ?? ''}
                            onInput={(event) => {
                              const text = event.currentTarget.value;
                              setDrafts(
                                drafts.map((current, at) =>
                                  at === index
                                    ? { ...current, labels: { ...current.labels, [code]: text } }
                                    : current,
                                ),
                              );
                            }}
                          />
                          {error && <span class="field-error">{error}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {a('common.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
