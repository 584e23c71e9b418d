import { useState } from 'preact/hooks';
import type { Organisation, Queue } from '../../api/types.js';
import { describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useLoad } from '../../lib/load.js';
import { useAdminI18n } from './i18n.js';
import { listOf, useSave } from './save.js';

const choosable = ['category', 'priority', 'queue', 'channel'] as const;

interface Draft {
  id: string;
  name: string;
  domains: string;
  defaultQueue: string;
  clientMay: Organisation['clientMay'];
}

const draftOf = (organisation: Organisation | null): Draft => ({
  id: organisation?.id ?? '',
  name: organisation?.name ?? '',
  domains: organisation?.domains.join('\n') ?? '',
  defaultQueue: organisation?.defaultQueue ?? '',
  clientMay: organisation?.clientMay ?? ['category'],
});

/** The domain a message names (`domains.1`) is shown at the domains field, with the domain itself. */
const domainsError = (errors: Record<string, string>, domains: string[]) =>
  Object.entries(errors)
    .filter(([path]) => path === 'domains' || path.startsWith('domains.'))
    .map(([path, message]) => {
      const index = Number(path.split('.')[1]);
      const domain = Number.isInteger(index) ? domains[index] : undefined;
      return domain ? `${domain}: ${message}` : message;
    })
    .join(' ') || undefined;

const OrganisationForm = ({
  organisation,
  queues,
  reload,
}: {
  organisation: Organisation | null;
  queues: readonly Queue[];
  reload: () => Promise<void>;
}) => {
  const { api } = useApp();
  const { a, tx } = useAdminI18n();
  const [draft, setDraft] = useState<Draft>(draftOf(organisation));
  const { errors, busy, run } = useSave();
  const prefix = `org-${organisation?.id ?? 'new'}`;
  const domains = listOf(draft.domains);
  const submit = async (event: Event) => {
    event.preventDefault();
    const settings = {
      name: draft.name,
      domains,
      defaultQueue: draft.defaultQueue || null,
      clientMay: draft.clientMay,
    };
    const saved = await run(async () => {
      if (organisation) await api.patchOrganisation(organisation.id, organisation.version, settings);
      else await api.createOrganisation({ id: draft.id, ...settings });
      return a('organisations.saved', { name: draft.name });
    }, reload);
    if (saved) await reload();
  };
  const domainError = domainsError(errors, domains);
  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{organisation ? organisation.name : a('organisations.new')}</h2>
      {!organisation && (
        <Field id={`${prefix}-id`} label={a('common.id')} error={errors.id} hint={a('common.idHint')}>
          <input
            {...describedBy(`${prefix}-id`, errors.id, a('common.idHint'))}
            required
            value={draft.id}
            onInput={(event) => setDraft({ ...draft, id: event.currentTarget.value })}
          />
        </Field>
      )}
      <Field id={`${prefix}-name`} label={a('common.name')} error={errors.name}>
        <input
          {...describedBy(`${prefix}-name`, errors.name)}
          required
          value={draft.name}
          onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
        />
      </Field>
      <Field
        id={`${prefix}-domains`}
        label={a('organisations.domains')}
        error={domainError}
        hint={a('organisations.domainsHint')}
      >
        <textarea
          {...describedBy(`${prefix}-domains`, domainError, a('organisations.domainsHint'))}
          rows={3}
          value={draft.domains}
          onInput={(event) => setDraft({ ...draft, domains: event.currentTarget.value })}
        />
      </Field>
      <Field id={`${prefix}-queue`} label={a('organisations.defaultQueue')} error={errors.defaultQueue}>
        <select
          {...describedBy(`${prefix}-queue`, errors.defaultQueue)}
          value={draft.defaultQueue}
          onChange={(event) => setDraft({ ...draft, defaultQueue: event.currentTarget.value })}
        >
          <option value="">{a('organisations.generalQueue')}</option>
          {queues.map((queue) => (
            <option key={queue.id} value={queue.id}>
              {queue.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset class="choices">
        <legend>{a('organisations.clientMay')}</legend>
        {choosable.map((field) => (
          <label key={field}>
            <input
              type="checkbox"
              checked={draft.clientMay.includes(field)}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  clientMay: event.currentTarget.checked
                    ? [...draft.clientMay, field]
                    : draft.clientMay.filter((entry) => entry !== field),
                })
              }
            />{' '}
            {tx(`admin.organisations.fields.${field}`, field)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {organisation ? a('common.save') : a('organisations.create')}
      </button>
    </form>
  );
};

/** Organisations: name, the e-mail domains their people write from, default queue, what clients may choose. */
export const OrganisationsPage = () => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const data = useLoad(async () => {
    const [organisations, queues] = await Promise.all([api.listOrganisations(), api.listQueues()]);
    return { organisations: organisations.data.items, queues };
  }, [api]);
  return (
    <section>
      <h1>{a('pages.organisations')}</h1>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <>
          {data.data.organisations.map((organisation) => (
            <OrganisationForm
              key={`${organisation.id}-${organisation.version}`}
              organisation={organisation}
              queues={data.data?.queues ?? []}
              reload={data.reload}
            />
          ))}
          <OrganisationForm
            key={`new-${data.data.organisations.length}`}
            organisation={null}
            queues={data.data.queues}
            reload={data.reload}
          />
        </>
      )}
    </section>
  );
};
