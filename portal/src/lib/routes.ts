/** The portal's pages and their paths (the server answers every non-API path with index.html). */
export type Route =
  | { page: 'home' }
  | { page: 'signIn' }
  | { page: 'callback' }
  /** An invited person chooses their password (the link of the local invitation mail). */
  | { page: 'setPassword' }
  | { page: 'newTicket' }
  | { page: 'ticket'; id: string }
  | { page: 'queue' }
  | { page: 'lead' }
  /** The admin console (portal/src/features/admin/): `section` is a page id of its list, null for its start. */
  | { page: 'admin'; section: string | null }
  | { page: 'help' }
  | { page: 'article'; id: string }
  | { page: 'search' }
  | { page: 'reports' }
  | { page: 'kb' }
  | { page: 'kbNew' }
  | { page: 'kbEdit'; id: string }
  | { page: 'notFound' };

export const paths = {
  home: '/',
  signIn: '/signin',
  callback: '/auth/callback',
  setPassword: '/set-password',
  newTicket: '/tickets/new',
  ticket: (id: string) => `/tickets/${encodeURIComponent(id)}`,
  queue: '/queue',
  lead: '/lead',
  admin: '/admin',
  adminSection: (id: string) => `/admin/${encodeURIComponent(id)}`,
  slaPolicies: '/admin/sla-policies',
  queues: '/admin/queues',
  help: '/help',
  article: (id: string) => `/help/articles/${encodeURIComponent(id)}`,
  search: '/search',
  reports: '/reports',
  inboundMail: '/admin/inbound-mail',
  kb: '/kb',
  kbNew: '/kb/new',
  kbEdit: (id: string) => `/kb/${encodeURIComponent(id)}/edit`,
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
    case paths.setPassword:
      return { page: 'setPassword' };
    case paths.newTicket:
      return { page: 'newTicket' };
    case paths.queue:
      return { page: 'queue' };
    case paths.lead:
      return { page: 'lead' };
    case paths.admin:
      return { page: 'admin', section: null };
    case paths.help:
      return { page: 'help' };
    case paths.search:
      return { page: 'search' };
    case paths.reports:
      return { page: 'reports' };
    case paths.kb:
      return { page: 'kb' };
    case paths.kbNew:
      return { page: 'kbNew' };
  }
  const kbEdit = /^\/kb\/([^/]+)\/edit$/.exec(path);
  if (kbEdit?.[1]) return { page: 'kbEdit', id: decodeURIComponent(kbEdit[1]) };
  const admin = /^\/admin\/([^/]+)$/.exec(path);
  if (admin?.[1]) return { page: 'admin', section: decodeURIComponent(admin[1]) };
  const article = /^\/help\/articles\/([^/]+)$/.exec(path);
  if (article?.[1]) return { page: 'article', id: decodeURIComponent(article[1]) };
  const ticket = /^\/tickets\/([^/]+)$/.exec(path);
  if (ticket?.[1]) return { page: 'ticket', id: decodeURIComponent(ticket[1]) };
  return { page: 'notFound' };
};
