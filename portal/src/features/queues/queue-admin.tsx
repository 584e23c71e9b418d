import { useState } from 'preact/hooks';
import type { Queue, StaffMember } from '../../api/types.js';
import { ErrorMessage, errorText, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';

const modes = ['off', 'round-robin', 'least-loaded'] as const;
type Mode = (typeof modes)[number];

interface Draft {
  id: string;
  name: string;
  members: string[];
  escalationTo: string[];
  autoAssign: Mode;
}

const toggled = (list: readonly string[], id: string, on: boolean) =>
  on ? [...new Set([...list, id])] : list.filter((entry) => entry !== id);

/** Checkboxes of staff in a fieldset: keyboard-usable, each labelled by the person's name. */
const PeoplePicker = ({
  legend,
  name,
  people,
  chosen,
  onChange,
}: {
  legend: string;
  name: string;
  people: readonly StaffMember[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
}) => (
  <fieldset class="people-picker">
    <legend>{legend}</legend>
    {people.map((person) => (
      <label key={person.id}>
        <input
          type="checkbox"
          name={name}
          value={person.id}
          checked={chosen.includes(person.id)}
          onChange={(event) => onChange(toggled(chosen, person.id, event.currentTarget.checked))}
        />{' '}
        {person.name}
      </label>
    ))}
  </fieldset>
);

/** One queue's form: create (no `queue`) or edit at the version read (If-Match). */
const QueueForm = ({
  queue,
  staff,
  onSaved,
}: {
  queue: Queue | null;
  staff: readonly StaffMember[];
  onSaved: () => void;
}) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>(
    queue
      ? { ...queue, autoAssign: queue.autoAssign }
      : { id: '', name: '', members: [], escalationTo: [], autoAssign: 'off' },
  );
  const [error, setError] = useState<unknown>(undefined);
  const prefix = queue ? `queue-${queue.id}` : 'queue-new';
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const settings = {
        name: draft.name,
        members: draft.members,
        escalationTo: draft.escalationTo,
        autoAssign: draft.autoAssign,
      };
      if (queue) await api.patchQueue(queue.id, queue.version, settings);
      else await api.createQueue({ id: draft.id, ...settings });
      notify('success', t('routing.saved', { name: draft.name }));
      onSaved();
    } catch (caught) {
      setError(caught);
      notify('error', errorText(caught, i18n));
    }
  };
  return (
    <form class="queue-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>
        {queue ? t('routing.edit', { name: queue.name }) : t('routing.newQueue')}
      </h3>
      {!queue && (
        <p>
          <label for={`${prefix}-id`}>{t('queues.id')}</label>
          <input
            id={`${prefix}-id`}
            required
            pattern="[a-z0-9][a-z0-9_\-]{0,39}"
            value={draft.id}
            onInput={(event) => setDraft({ ...draft, id: event.currentTarget.value })}
          />
        </p>
      )}
      <p>
        <label for={`${prefix}-name`}>{t('queues.name')}</label>
        <input
          id={`${prefix}-name`}
          required
          value={draft.name}
          onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
        />
      </p>
      <PeoplePicker
        legend={t('routing.members')}
        name={`${prefix}-members`}
        people={staff}
        chosen={draft.members}
        onChange={(members) => setDraft({ ...draft, members })}
      />
      <PeoplePicker
        legend={t('routing.escalationTo')}
        name={`${prefix}-escalation`}
        people={staff}
        chosen={draft.escalationTo}
        onChange={(escalationTo) => setDraft({ ...draft, escalationTo })}
      />
      <p>
        <label for={`${prefix}-mode`}>{t('routing.autoAssign')}</label>
        <select
          id={`${prefix}-mode`}
          value={draft.autoAssign}
          onChange={(event) => setDraft({ ...draft, autoAssign: event.currentTarget.value as Mode })}
        >
          {modes.map((mode) => (
            <option key={mode} value={mode}>
              {t(`routing.mode.${mode}`)}
            </option>
          ))}
        </select>
      </p>
      {error !== undefined && <ErrorMessage error={error} />}
      <button type="submit">{queue ? t('app.save') : t('routing.create')}</button>
    </form>
  );
};

/** The admin's queue settings: members, escalation and auto-assignment of each queue, and a new one. */
export const QueueAdmin = () => {
  const { api } = useApp();
  const { t } = useI18n();
  const data = useLoad(async () => {
    const [queues, ...staff] = await Promise.all([
      api.listQueues(),
      api.listStaff('agent'),
      api.listStaff('lead'),
      api.listStaff('admin'),
    ]);
    return { queues, staff: staff.flat() };
  }, [api]);
  if (data.error !== undefined) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { queues, staff } = data.data;
  return (
    <section aria-labelledby="queue-admin-title">
      <h2 id="queue-admin-title">{t('routing.autoAssign')}</h2>
      {queues.map((queue) => (
        <QueueForm key={`${queue.id}-${queue.version}`} queue={queue} staff={staff} onSaved={data.reload} />
      ))}
      <QueueForm key={`new-${queues.length}`} queue={null} staff={staff} onSaved={data.reload} />
    </section>
  );
};
