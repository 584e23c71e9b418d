import { useEffect, useState } from 'preact/hooks';
import type { Priority, Queue, StaffMember, Ticket } from '../../api/types.js';
import { useApp, useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useCategoryChoices } from './categories.js';
import { isFinished, statusChoices } from './status.js';
import type { TicketAction } from './ticket-action.js';
import { type PropertiesForm, pickUpPatch, propertiesOf, propertiesPatch } from './ticket-forms.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** Pick up, assign, transfer and the ticket's properties: every change carries the ticket's version. */
export const StaffActions = ({ ticket, busy, run }: { ticket: Ticket; busy: boolean; run: TicketAction }) => {
  const { api, notify } = useApp();
  const user = useUser();
  const { t, tx } = useI18n();
  const staff = useLoad(async () => {
    const lists = await Promise.all(
      (['agent', 'lead'] as const).map((role) => api.listStaff(role).catch((): StaffMember[] => [])),
    );
    return lists.flat();
  }, [api]);
  const queues = useLoad(() => api.listQueues().catch((): Queue[] => []), [api]);
  const [assignee, setAssignee] = useState(ticket.assignee?.id ?? '');
  const [form, setForm] = useState<PropertiesForm>(propertiesOf(ticket));
  const categoryChoices = useCategoryChoices(ticket.category);

  // A new version from the server (after any change) resets the form to what is stored.
  useEffect(() => {
    setForm(propertiesOf(ticket));
    setAssignee(ticket.assignee?.id ?? '');
  }, [ticket.id, ticket.version]);

  const set = (field: keyof PropertiesForm) => (event: { currentTarget: { value: string } }) =>
    setForm((previous) => ({ ...previous, [field]: event.currentTarget.value }));

  const finished = isFinished(ticket.status);
  const mine = ticket.assignee?.id === user.id;
  const queueList = queues.data ?? [];
  const knownQueue = queueList.some((queue) => queue.id === ticket.queue);
  const people = staff.data ?? [];
  const knownAssignee = !ticket.assignee || people.some((person) => person.id === ticket.assignee?.id);

  const onSave = (event: Event) => {
    event.preventDefault();
    const patch = propertiesPatch(ticket, form);
    if (Object.keys(patch).length === 0) {
      notify('info', t('ticket.nothingChanged'));
      return;
    }
    void run((current, client) => client.patchTicket(current.id, current.version, patch), t('ticket.saved'));
  };

  return (
    <div class="staff-actions">
      <h2>{t('ticket.actions')}</h2>
      {!finished && !mine && (
        <button
          type="button"
          class="pick-up"
          disabled={busy}
          onClick={() =>
            run(
              (current, client) => client.patchTicket(current.id, current.version, pickUpPatch(current)),
              t('ticket.pickedUp'),
            )
          }
        >
          {t('ticket.pickUp')}
        </button>
      )}

      {!finished && (
        <form
          class="card"
          onSubmit={(event) => {
            event.preventDefault();
            const person = people.find((candidate) => candidate.id === assignee);
            void run(
              (current, client) =>
                client.patchTicket(current.id, current.version, { assignee: assignee || null }),
              t('ticket.assigned', { name: person?.name ?? t('tickets.unassigned') }),
            );
          }}
        >
          <div class="field">
            <label for="assignee">{t('ticket.assignTo')}</label>
            <select
              id="assignee"
              value={assignee}
              onChange={(event) => setAssignee(event.currentTarget.value)}
            >
              <option value="">{t('tickets.unassigned')}</option>
              {!knownAssignee && ticket.assignee && (
                <option value={ticket.assignee.id}>{ticket.assignee.name}</option>
              )}
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                  {person.id === user.id ? ` (${t('ticket.me')})` : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary" disabled={busy || assignee === (ticket.assignee?.id ?? '')}>
            {t('ticket.assign')}
          </button>
        </form>
      )}

      <form class="card" onSubmit={onSave}>
        <h3>{t('ticket.properties')}</h3>
        <div class="field">
          <label for="prop-status">{t('tickets.status')}</label>
          <select id="prop-status" value={form.status} onChange={set('status')} disabled={finished}>
            {statusChoices(ticket.status).map((value) => (
              <option key={value} value={value}>
                {tx(`status.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
        {form.status === 'postponed' && (
          <div class="field">
            <label for="prop-postponed-until">{t('ticket.postponedUntil')}</label>
            <p class="hint" id="prop-postponed-hint">
              {t('ticket.postponedHint')}
            </p>
            <input
              id="prop-postponed-until"
              type="datetime-local"
              required
              aria-describedby="prop-postponed-hint"
              value={form.postponedUntil}
              onInput={set('postponedUntil')}
            />
          </div>
        )}
        <div class="field">
          <label for="prop-priority">{t('tickets.priority')}</label>
          <select id="prop-priority" value={form.priority} onChange={set('priority')}>
            {priorities.map((value) => (
              <option key={value} value={value}>
                {tx(`priority.${value}`, value)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="prop-queue">{t('ticket.transfer')}</label>
          <select id="prop-queue" value={form.queue} onChange={set('queue')}>
            {!knownQueue && <option value={ticket.queue}>{ticket.queue}</option>}
            {queueList.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="prop-category">{t('tickets.category')}</label>
          <select id="prop-category" value={form.category} onChange={set('category')}>
            <option value="">{t('app.none')}</option>
            {categoryChoices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="prop-tags">{t('tickets.tags')}</label>
          <p class="hint" id="prop-tags-hint">
            {t('ticket.tagsHint')}
          </p>
          <input id="prop-tags" aria-describedby="prop-tags-hint" value={form.tags} onInput={set('tags')} />
        </div>
        <button type="submit" disabled={busy}>
          {t('ticket.saveChanges')}
        </button>
      </form>
    </div>
  );
};
