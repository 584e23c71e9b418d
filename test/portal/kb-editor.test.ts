import { describe, expect, it } from 'vitest';
import type { Message, Ticket } from '../../portal/src/api/types.js';
import { articleFromTicket, articleLink } from '../../portal/src/features/kb/editor-model.js';
import { matchRoute, paths } from '../../portal/src/lib/routes.js';

/** The staff knowledge-base editor's pure parts (docs/kb.md): its addresses, prefills and links. */

const message = (body: string, role: Message['author']['role'], internal = false) =>
  ({ body, internal, author: { id: `user-${role}`, name: role, role } }) as Message;

describe('knowledge-base editor', () => {
  it('has its own addresses: the list, a new article, an article to edit', () => {
    expect(matchRoute(paths.kb)).toEqual({ page: 'kb' });
    expect(matchRoute(paths.kbNew)).toEqual({ page: 'kbNew' });
    expect(matchRoute(paths.kbEdit('01JD0000000000000000000000'))).toEqual({
      page: 'kbEdit',
      id: '01JD0000000000000000000000',
    });
  });

  it('starts an article from a ticket with its subject and the reply that resolved it, never a note', () => {
    const ticket = { subject: 'VPN drops every hour', description: 'It drops.' } as Ticket;
    const prefill = articleFromTicket(ticket, [
      message('It drops.', 'client'),
      message('Renew the certificate in Settings.', 'agent'),
      message('Client sounded annoyed', 'agent', true),
      message('Thanks, works!', 'client'),
    ]);
    expect(prefill).toEqual({ title: 'VPN drops every hour', body: 'Renew the certificate in Settings.' });
    expect(articleFromTicket(ticket, [message('It drops.', 'client')]).body).toBe('It drops.');
  });

  it('links an article in a reply by its title and its help-centre address', () => {
    expect(
      articleLink({ id: '01JD0000000000000000000000', title: 'Reset VPN' }, 'https://desk.example'),
    ).toBe('Reset VPN: https://desk.example/help/articles/01JD0000000000000000000000');
  });
});
