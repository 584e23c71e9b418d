import type { Role } from '#identity/caller.js';
import type { StoredUser, UserDirectory } from '#identity/user.js';
import type { Ticket, UserRef } from '#tickets/schemas.js';
import type { Notice } from './notices.js';
import type { Recipient } from './ports.js';
import type { QueueTeams } from './queue-teams.js';

/** Decides who receives a notice. */
export interface Audience {
  recipientsOf(ticket: Ticket, notice: Notice): Promise<Recipient[]>;
}

/** Staff lists are bounded: a role with more members than this is a configuration to revisit. */
export const MAX_RECIPIENTS_PER_ROLE = 100;

/**
 * The product's rules, read from the user directory:
 * - the requester gets the acknowledgement, agent replies, the proposed solution and the auto-close;
 * - a reminder goes to the assignee, or to the queue's agents while nobody is assigned;
 * - an escalation goes to the leads, a breach of the total service time to the admins as well;
 * - a re-queue goes to the queue's agents.
 * "The queue's agents" are its members; a queue without members reaches all agents. An
 * escalation goes to the queue's `escalationTo` when it names people (docs/routing.md).
 */
export const directoryAudience = (users: UserDirectory, teams?: QueueTeams): Audience => {
  const person = async (ref: UserRef, read?: StoredUser | null): Promise<Recipient> => {
    const user = read === undefined ? await users.getById(ref.id) : read;
    // Someone outside the directory (e.g. a requester known only by address) reads English, in UTC.
    return {
      email: user?.email ?? ref.email,
      name: user?.name ?? ref.name,
      locale: user?.locale ?? 'en',
      timeZone: user?.timeZone ?? 'UTC',
    };
  };
  const withRole = async (role: Role): Promise<Recipient[]> =>
    (await users.listByRole(role, MAX_RECIPIENTS_PER_ROLE)).map(({ email, name, locale, timeZone }) => ({
      email,
      name,
      locale,
      timeZone,
    }));
  const recipientsOfUsers = (people: { email: string; name: string; locale: string; timeZone: string }[]) =>
    people.map(({ email, name, locale, timeZone }) => ({ email, name, locale, timeZone }));
  const queueAgents = async (queue: string) => {
    const members = await teams?.membersOf(queue);
    return members ? recipientsOfUsers(members) : withRole('agent');
  };

  return {
    async recipientsOf(ticket, notice) {
      switch (notice.kind) {
        case 'acknowledgement':
        case 'agentReply':
        case 'resolutionProposed':
        case 'autoClosed':
        case 'ticketMerged':
          return [await person(ticket.requester)];
        case 'reminder': {
          const assignee = ticket.assignee ? await users.getById(ticket.assignee.id) : null;
          // A deactivated assignee hears nothing more: the queue is reminded, as when nobody is assigned.
          return ticket.assignee && assignee?.active !== false
            ? [await person(ticket.assignee, assignee)]
            : queueAgents(ticket.queue);
        }
        case 'escalation': {
          const escalateTo = await teams?.escalationOf(ticket.queue);
          if (escalateTo) return recipientsOfUsers(escalateTo);
          const leads = await withRole('lead');
          const toAdmins = notice.clock === 'totalServiceTime' && notice.level === 'breach';
          return toAdmins ? [...leads, ...(await withRole('admin'))] : leads;
        }
        case 'requeued':
          return queueAgents(ticket.queue);
        // Agent notifications name their one recipient (the consumer decides who, by the rules
        // of docs/notifications.md, and asks each person's preferences first).
        case 'ticketCreated':
        case 'clientReplied':
        case 'ticketReopened':
        case 'ticketAssigned':
        case 'mentioned':
          return [];
        // A rule's mail goes where the rule says; to nobody while the ticket has no assignee.
        case 'rule':
          if (notice.to === 'requester') return [await person(ticket.requester)];
          if (notice.to === 'assignee') return ticket.assignee ? [await person(ticket.assignee)] : [];
          return queueAgents(ticket.queue);
      }
    },
  };
};
