import { type AuditEntry, auditActor } from '#identity/audit.js';
import type { Caller } from '#identity/caller.js';
import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { QueueStore, Roster } from '../ports.js';
import type { NewQueue, Queue, QueueDefinition, QueuePatch } from '../queue.js';
import { queueDefinitionsChanged } from '../queue-definitions.js';

export interface QueueAdminDeps {
  queues: QueueStore;
  roster: Roster;
  clock: Clock;
}

const definitionOf = ({ counts: _, ...definition }: Queue): QueueDefinition => definition;

/** Members and escalation targets must be active staff accounts: each unknown one is named. */
const checkPeople = async (
  deps: QueueAdminDeps,
  queue: Pick<QueueDefinition, 'members' | 'escalationTo'>,
) => {
  const people = new Map(
    (await deps.roster.candidates([...queue.members, ...queue.escalationTo])).map((person) => [
      person.id,
      person,
    ]),
  );
  const errors = (['members', 'escalationTo'] as const).flatMap((field) =>
    queue[field].flatMap((id, index) => {
      const person = people.get(id);
      if (person && person.role !== 'client' && person.active) return [];
      return [{ path: `${field}.${index}`, message: `${id} is not an active agent, lead or admin` }];
    }),
  );
  if (errors.length) throw new Invalid('Queues take staff only', errors);
};

export const getQueue = async (deps: Pick<QueueAdminDeps, 'queues'>, id: string): Promise<Queue> => {
  const queue = await deps.queues.get(id);
  if (!queue) throw new NotFound(`There is no queue '${id}'`);
  return queue;
};

/** `POST /queues` (admins): a queue with its count shards and its first audit record. */
export const createQueue = async (deps: QueueAdminDeps, caller: Caller, body: NewQueue): Promise<Queue> => {
  await checkPeople(deps, body);
  const at = deps.clock.now().toISOString();
  const queue: QueueDefinition = {
    id: body.id,
    name: body.name,
    members: body.members,
    escalationTo: body.escalationTo,
    autoAssign: body.autoAssign,
    requiredSkills: body.requiredSkills ?? {},
    version: 1,
    updatedAt: at,
  };
  await deps.queues.create(queue, { actor: auditActor(caller), at, before: null, after: queue });
  queueDefinitionsChanged();
  return { ...queue, counts: (await getQueue(deps, queue.id)).counts };
};

/** `PATCH /queues/{id}` (admins), at the version the caller read (If-Match), audited before → after. */
export const updateQueue = async (
  deps: QueueAdminDeps,
  caller: Caller,
  id: string,
  patch: QueuePatch,
  ifMatch: number | undefined,
): Promise<Queue> => {
  const current = await getQueue(deps, id);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The queue is at version ${current.version}, not ${ifMatch}: reload and retry`,
    );
  const before = definitionOf(current);
  const { requiredSkills, ...fields } = patch;
  const at = deps.clock.now().toISOString();
  const after: QueueDefinition = {
    ...before,
    ...fields,
    ...(requiredSkills !== undefined ? { requiredSkills: requiredSkills ?? {} } : {}),
    version: before.version + 1,
    updatedAt: at,
  };
  if (patch.members || patch.escalationTo) await checkPeople(deps, after);
  const audit: AuditEntry<QueueDefinition> = { actor: auditActor(caller), at, before, after };
  await deps.queues.update(after, before.version, audit);
  queueDefinitionsChanged();
  return { ...after, counts: current.counts };
};
