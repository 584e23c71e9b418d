import type { KbResult } from '../../api/endpoints.js';
import type { Message, Ticket } from '../../api/types.js';
import { paths } from '../../lib/routes.js';

/** The knowledge-base editor's pure parts (editor.tsx, link-picker.tsx), tested without a browser. */

/**
 * What "create article from this ticket" starts with: the subject as the title, the reply that
 * resolved it (the last public staff reply) as the body.
 */
export const articleFromTicket = (
  ticket: Ticket,
  messages: readonly Message[],
): { title: string; body: string } => {
  const replies = messages.filter((message) => !message.internal && message.author.role !== 'client');
  const resolving = replies.at(-1);
  return { title: ticket.subject, body: resolving?.body ?? ticket.description };
};

/** The text a link to an article puts into a reply: its title and its help-centre address. */
export const articleLink = (result: Pick<KbResult, 'id' | 'title'>, origin: string): string =>
  `${result.title}: ${origin}${paths.article(result.id)}`;
