/** The portal's pages and their paths (the server answers every non-API path with index.html). */
export type Route =
  | { page: 'home' }
  | { page: 'signIn' }
  | { page: 'callback' }
  | { page: 'newTicket' }
  | { page: 'ticket'; id: string }
  | { page: 'queue' }
  | { page: 'lead' }
  | { page: 'slaPolicies' }
  | { page: 'queues' }
  | { page: 'help' }
  | { page: 'article'; id: string }
  | { page: 'search' }
  | { page: 'mailTemplates' }
  | { page: 'notFound' };

export const paths = {
  home: '/',
  signIn: '/signin',
  callback: '/auth/callback',
  newTicket: '/tickets/new',
  ticket: (id: string) => `/tickets/${encodeURIComponent(id)}`,
  queue: '/queue',
  lead: '/lead',
  slaPolicies: '/admin/sla-policies',
  queues: '/admin/queues',
  help: '/help',
  article: (id: string) => `/help/articles/${encodeURIComponent(id)}`,
  search: '/search',
  mailTemplates: '/admin/mail-templates',
} as const;

export const matchRoute = (pathname: string): Route => {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return { page: 'home' };
    case paths.signIn:
      return { page: 'signIn' };
    case paths.callback:
      return { page: 'callback' };
    case paths.newTicket:
      return { page: 'newTicket' };
    case paths.queue:
      return { page: 'queue' };
    case paths.lead:
      return { page: 'lead' };
    case paths.slaPolicies:
      return { page: 'slaPolicies' };
    case paths.queues:
      return { page: 'queues' };
    case paths.help:
      return { page: 'help' };
    case paths.search:
      return { page: 'search' };
    case paths.mailTemplates:
      return { page: 'mailTemplates' };
  }
  const article = /^\/help\/articles\/([^/]+)$/.exec(path);
  if (article?.[1]) return { page: 'article', id: decodeURIComponent(article[1]) };
  const ticket = /^\/tickets\/([^/]+)$/.exec(path);
  if (ticket?.[1]) return { page: 'ticket', id: decodeURIComponent(ticket[1]) };
  return { page: 'notFound' };
};
