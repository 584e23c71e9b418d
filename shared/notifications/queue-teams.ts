import type { User } from '#identity/user.js';
import type { Roster } from '#queues/ports.js';
import type { QueueDefinitions } from '#queues/use-cases/auto-assign.js';

/**
 * Who works a queue and who hears of its escalations (docs/routing.md): its members and its
 * `escalationTo`, active staff only. Null when the queue lists nobody there (or is unknown): the
 * notice then goes where it went before queues had members (all agents; the leads).
 */
export interface QueueTeams {
  membersOf(queueId: string): Promise<User[] | null>;
  escalationOf(queueId: string): Promise<User[] | null>;
}

export const queueTeams = (queues: QueueDefinitions, roster: Pick<Roster, 'candidates'>): QueueTeams => {
  const people = async (ids: readonly string[]): Promise<User[] | null> => {
    if (ids.length === 0) return null;
    return (await roster.candidates(ids))
      .filter((person) => person.active && person.role !== 'client')
      .map(({ id, email, name, role, locale, timeZone }) => ({
        id,
        email,
        name,
        role: role as User['role'],
        orgId: null,
        locale,
        timeZone,
      }));
  };
  return {
    membersOf: async (queueId) => people((await queues.definition(queueId))?.members ?? []),
    escalationOf: async (queueId) => people((await queues.definition(queueId))?.escalationTo ?? []),
  };
};
