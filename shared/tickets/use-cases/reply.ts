import { type Caller, isStaff } from '#identity/caller.js';
import type { Change, Channel, Message, MessageAttachment, Ticket } from '../schemas.js';
import { authorOf } from '../ticket.js';

/** The channel a message or ticket arrives through: integrations write through the API, people through the web. */
export const channelOf = (caller: Caller): Channel => (caller.kind === 'integrator' ? 'api' : 'web');

/** A message written by the caller now (a reply, a note, or the text that comes with an action). */
export const newMessage = (
  caller: Caller,
  input: {
    id: string;
    ticketId: string;
    body: string;
    internal: boolean;
    at: string;
    attachments?: MessageAttachment[];
    /** Where it was written when not where the caller stands: a logged call or chat, a mail. */
    channel?: Channel | undefined;
    /** A mail's whole text when only its new part is the body. */
    original?: string | undefined;
  },
): Message => ({
  id: input.id,
  ticketId: input.ticketId,
  author: authorOf(caller),
  body: input.body,
  internal: input.internal,
  channel: input.channel ?? channelOf(caller),
  createdAt: input.at,
  ...(input.attachments?.length ? { attachments: input.attachments } : {}),
  ...(input.original !== undefined ? { original: input.original } : {}),
});

/** The help desk's first public reply stops the first-response clock; later replies and client messages change nothing. */
export const stampFirstResponse = (
  ticket: Ticket,
  caller: Caller,
  at: string,
): { ticket: Ticket; changes: Change[] } => {
  if (!isStaff(caller) || ticket.sla.firstRespondedAt) return { ticket, changes: [] };
  return {
    ticket: { ...ticket, sla: { ...ticket.sla, firstRespondedAt: at } },
    changes: [{ field: 'sla.firstRespondedAt', from: null, to: at }],
  };
};
