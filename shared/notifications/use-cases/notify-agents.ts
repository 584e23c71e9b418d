import type { User, UserDirectory } from '#identity/user.js';
import type { TicketStore } from '#tickets/ports.js';
import { type Ticket, type TicketEvent, UserRef } from '#tickets/record-schemas.js';
import type { AgentNotificationKind } from '../agent-notification-kinds.js';
import { MAX_RECIPIENTS_PER_ROLE } from '../audience.js';
import { type Inbox, type NotificationPreferences, preferencesOf } from '../inbox.js';
import { mentionedStaff } from '../mentions.js';
import { type MailFiles, type Notice, notificationKeys } from '../notices.js';
import type { Notifier } from '../notifier.js';
import type { QueueTeams } from '../queue-teams.js';

export interface AgentNotificationDeps {
  tickets: Pick<TicketStore, 'getTicket' | 'getMessage'>;
  /** With cached staff lists (every new ticket reads the agents). */
  users: UserDirectory;
  inbox: Inbox;
  notifier: Notifier;
  /** Queue members (docs/routing.md); without them, or for a queue without members, all agents. */
  teams?: QueueTeams;
}

/** What one person was told of one event. */
export interface AgentDelivery {
  userId: string;
  kind: AgentNotificationKind;
  inbox: 'added' | 'exists';
  /** `no-address`: the directory has no e-mail address for them. */
  mail: 'sent' | 'already-sent' | 'off' | 'no-address';
}

/** How much of a message or description a notification repeats. */
export const EXCERPT_LENGTH = 200;

const excerptOf = (text: string): string => {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  return chars.length <= EXCERPT_LENGTH ? chars.join('') : `${chars.slice(0, EXCERPT_LENGTH).join('')}…`;
};

interface Plan {
  kind: AgentNotificationKind;
  notice: Notice;
  excerpt: string | null;
  recipients: User[];
}

/** "The queue's agents": its members, or all agents when it lists none. */
const queueAgents = async (deps: AgentNotificationDeps, queue: string): Promise<User[]> =>
  (await deps.teams?.membersOf(queue)) ?? deps.users.listByRole('agent', MAX_RECIPIENTS_PER_ROLE);

/** The account of a person a ticket names, unless it is gone or deactivated (they hear nothing more). */
const activeAccount = async (deps: AgentNotificationDeps, id: string): Promise<User | null> => {
  const user = await deps.users.getById(id);
  return user && user.active !== false ? user : null;
};

const assigneeOrQueue = async (deps: AgentNotificationDeps, ticket: Ticket): Promise<User[]> => {
  if (!ticket.assignee) return queueAgents(deps, ticket.queue);
  const assignee = await activeAccount(deps, ticket.assignee.id);
  return assignee ? [assignee] : [];
};

const staff = async (deps: AgentNotificationDeps): Promise<User[]> =>
  (
    await Promise.all(
      (['agent', 'lead', 'admin'] as const).map((role) =>
        deps.users.listByRole(role, MAX_RECIPIENTS_PER_ROLE),
      ),
    )
  ).flat();

/** The message an event names: its text, and its files (listed by name in the mail, never attached). */
const messageOf = async (
  deps: AgentNotificationDeps,
  event: TicketEvent,
): Promise<{ body: string | null; files: MailFiles }> => {
  const message = event.note ? await deps.tickets.getMessage(event.ticketId, event.note) : null;
  return { body: message?.body ?? null, files: message?.attachments ?? [] };
};

/** The rules of docs/notifications.md: what an event is worth telling, and whom. */
const planFor = async (
  deps: AgentNotificationDeps,
  event: TicketEvent,
  ticket: Ticket,
): Promise<Plan | null> => {
  switch (event.type) {
    case 'ticket.created': {
      // The files the ticket came with open its conversation in the create's own transaction
      // (a mail's, docs/mail.md): read consistently, listed as the acknowledgement lists them.
      const opening = event.note
        ? await deps.tickets.getMessage(ticket.id, event.note, { consistent: true })
        : null;
      const files = opening && !opening.internal ? (opening.attachments ?? []) : [];
      return {
        kind: 'ticketCreated',
        notice: { kind: 'ticketCreated', ...(files.length ? { files } : {}) },
        excerpt: excerptOf(ticket.description),
        recipients: await queueAgents(deps, ticket.queue),
      };
    }
    case 'message.added': {
      if (event.actor.role !== 'client') return null;
      const message = await messageOf(deps, event);
      const body = message.body ?? '';
      return {
        kind: 'clientReplied',
        notice: { kind: 'clientReplied', authorName: event.actor.name, body, files: message.files },
        excerpt: excerptOf(body),
        recipients: await assigneeOrQueue(deps, ticket),
      };
    }
    case 'ticket.reopened': {
      const { body, files } = await messageOf(deps, event);
      return {
        kind: 'ticketReopened',
        notice: { kind: 'ticketReopened', authorName: event.actor.name, body, files },
        excerpt: body === null ? null : excerptOf(body),
        recipients: await assigneeOrQueue(deps, ticket),
      };
    }
    case 'ticket.updated': {
      const moved = event.changes.find((change) => change.field === 'assignee');
      const to = UserRef.safeParse(moved?.to);
      if (!to.success) return null;
      const assignee = await activeAccount(deps, to.data.id);
      return {
        kind: 'ticketAssigned',
        notice: { kind: 'ticketAssigned', assignedBy: event.actor.name },
        excerpt: null,
        recipients: assignee ? [assignee] : [],
      };
    }
    case 'note.added': {
      const { body, files } = await messageOf(deps, event);
      if (!body) return null;
      return {
        kind: 'mentioned',
        notice: { kind: 'mentioned', authorName: event.actor.name, body, files },
        excerpt: excerptOf(body),
        recipients: mentionedStaff(body, await staff(deps)),
      };
    }
    default:
      return null;
  }
};

/**
 * Tells staff of a ticket event, by the rules of docs/notifications.md: a notification in each
 * recipient's inbox and, unless they turned that kind off, a mail. Never tells the actor of
 * their own change, never a client. Idempotent: the inbox item is written once per (person,
 * event) and the mail's notification record is keyed by event and person, so the same event
 * twice writes and sends nothing twice. Every recipient is tried; a failure is thrown after
 * the others were served, so the record is retried and only what is missing is done then.
 */
export const notifyAgents = async (
  deps: AgentNotificationDeps,
  event: TicketEvent,
): Promise<AgentDelivery[]> => {
  const ticket = await deps.tickets.getTicket(event.ticketId);
  if (!ticket) return [];
  const plan = await planFor(deps, event, ticket);
  if (!plan) return [];
  const recipients = new Map<string, User>();
  for (const user of plan.recipients) {
    if (user.id !== event.actor.id && user.role !== 'client') recipients.set(user.id, user);
  }

  const preferences = await deps.inbox.preferencesOf([...recipients.keys()]);
  const deliveries: AgentDelivery[] = [];
  const failures: unknown[] = [];
  // One after the other: at most a few hundred staff, and each is a handful of calls.
  for (const user of recipients.values()) {
    try {
      deliveries.push(await deliver(deps, event, ticket, plan, user, preferences.get(user.id)));
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new AggregateError(failures, `${failures.length} agent notifications failed`);
  return deliveries;
};

const deliver = async (
  deps: AgentNotificationDeps,
  event: TicketEvent,
  ticket: Ticket,
  plan: Plan,
  user: User,
  preferences: NotificationPreferences | undefined,
): Promise<AgentDelivery> => {
  const inbox = await deps.inbox.add(user.id, {
    id: event.id,
    kind: plan.kind,
    ticketId: ticket.id,
    ticketReference: ticket.reference,
    ticketSubject: ticket.subject,
    actor: { id: event.actor.id, name: event.actor.name },
    excerpt: plan.excerpt,
    at: event.at,
  });
  if (!(preferences ?? preferencesOf(undefined)).mail[plan.kind])
    return { userId: user.id, kind: plan.kind, inbox, mail: 'off' };
  const outcome = await deps.notifier.notify({
    key: notificationKeys.agent(ticket.id, event.id, user.id),
    ticket,
    notice: plan.notice,
    recipients: [{ email: user.email, name: user.name, locale: user.locale, timeZone: user.timeZone }],
  });
  return {
    userId: user.id,
    kind: plan.kind,
    inbox,
    mail: outcome.status === 'no-recipients' ? 'no-address' : outcome.status,
  };
};
