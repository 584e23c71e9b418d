import { useState } from 'preact/hooks';
import type { Queue, StaffMember } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp, useUser } from '../../context.js';
import { useLoad } from '../../lib/load.js';
import { QueueCounts } from '../queues/lead-page.js';
import { QueueAdmin } from '../queues/queue-admin.js';
import { useAdminI18n } from './i18n.js';
import { listOf, useSave } from './save.js';

/** A lead's member: skills and capacity, the two things a lead may change (PATCH /users/{id}). */
const MemberRow = ({ member, reload }: { member: StaffMember; reload: () => Promise<void> }) => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [skills, setSkills] = useState(member.skills.join(', '));
  const [capacity, setCapacity] = useState(String(member.capacity));
  const { errors, busy, run } = useSave();
  const save = async () => {
    const saved = await run(async () => {
      await api.patchUser(member.id, member.version, { skills: listOf(skills), capacity: Number(capacity) });
      return a('users.saved', { name: member.name });
    }, reload);
    if (saved) await reload();
  };
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>
        {member.openAssigned} / {member.capacity}
      </td>
      <td>
        <input
          aria-label={a('queues.skillsOf', { name: member.name })}
          aria-invalid={errors.skills ? true : undefined}
          title={errors.skills}
          value={skills}
          onInput={(event) => setSkills(event.currentTarget.value)}
        />
      </td>
      <td>
        <input
          type="number"
          min={0}
          max={200}
          aria-label={a('queues.capacityOf', { name: member.name })}
          aria-invalid={errors.capacity ? true : undefined}
          title={errors.capacity}
          value={capacity}
          onInput={(event) => setCapacity(event.currentTarget.value)}
        />
      </td>
      <td>
        <button type="button" class="secondary" disabled={busy} onClick={save}>
          {a('queues.saveMember', { name: member.name })}
        </button>
      </td>
    </tr>
  );
};

/** The queues a lead leads (member of or escalated to) with their members' load, skills and capacity. */
const LedQueues = () => {
  const { api } = useApp();
  const user = useUser();
  const { a } = useAdminI18n();
  const data = useLoad(async () => {
    const [queues, agents, leads] = await Promise.all([
      api.listQueues(),
      api.listStaff('agent'),
      api.listStaff('lead'),
    ]);
    return { queues, people: [...agents, ...leads] };
  }, [api]);
  if (data.error !== undefined) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const led: Queue[] = data.data.queues.filter(
    (queue) => queue.members.includes(user.id) || queue.escalationTo.includes(user.id),
  );
  const memberIds = new Set(led.flatMap((queue) => queue.members));
  const members = data.data.people.filter((person) => memberIds.has(person.id));
  return (
    <>
      {led.length === 0 ? (
        <p class="empty">{a('queues.noneLed')}</p>
      ) : (
        <QueueCounts queues={led} heading={false} />
      )}
      {members.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{a('queues.members')}</caption>
            <thead>
              <tr>
                <th scope="col">{a('common.name')}</th>
                <th scope="col">{a('users.capacityUsed')}</th>
                <th scope="col">{a('users.skills')}</th>
                <th scope="col">{a('users.capacity')}</th>
                <th scope="col">
                  <span class="visually-hidden">{a('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow key={`${member.id}-${member.version}`} member={member} reload={data.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};

/** Queues: admins set members, escalation and auto-assignment; leads see the queues they lead. */
export const QueuesAdminPage = () => {
  const { api } = useApp();
  const user = useUser();
  const { a } = useAdminI18n();
  const queues = useLoad(() => api.listQueues(), [api]);
  if (user.role !== 'admin')
    return (
      <section>
        <h1>{a('pages.queues')}</h1>
        <LedQueues />
      </section>
    );
  return (
    <section>
      <h1>{a('pages.queues')}</h1>
      {queues.error !== undefined && <ErrorMessage error={queues.error} onRetry={queues.reload} />}
      {queues.data ? <QueueCounts queues={queues.data} heading={false} /> : queues.loading && <Loading />}
      <QueueAdmin />
    </section>
  );
};
