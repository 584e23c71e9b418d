import type { Caller, Role, Scope } from './caller.js';

/**
 * The one permission table. Every route names one action; this table alone says who may
 * perform it. Object-level rules (a client sees only its organisation's tickets, never
 * internal notes) are applied by the use cases on top of this.
 */
export const permissions = {
  'health:read': { public: true, roles: [], scopes: [] },
  'auth:login': { public: true, roles: [], scopes: [] },
  'auth:token': { public: true, roles: [], scopes: [] },
  'auth:set-password': { public: true, roles: [], scopes: [] },
  'auth:read-invitation': { public: true, roles: [], scopes: [] },
  'openapi:read': { public: true, roles: [], scopes: [] },
  'me:read': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read', 'tickets.write'],
  },
  'tickets:create': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.write'] },
  'tickets:list': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.read'] },
  'tickets:read': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.read'] },
  'tickets:update': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.write'] },
  'messages:create': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.write'],
  },
  'messages:read': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.read'] },
  'messages:list': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.read'] },
  'events:list': { public: false, roles: ['client', 'agent', 'lead', 'admin'], scopes: ['tickets.read'] },
  // Attachments: whoever may write a message on the ticket may upload; readers may list and download.
  'attachments:create': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.write'],
  },
  'attachments:list': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read'],
  },
  'attachments:read': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read'],
  },
  'tickets:resolve': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'tickets:accept': { public: false, roles: ['client'], scopes: [] },
  'tickets:reopen': { public: false, roles: ['client'], scopes: [] },
  'tickets:feedback': { public: false, roles: ['client'], scopes: [] },
  'queues:list': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'users:list': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'sla-policies:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'sla-policies:write': { public: false, roles: ['admin'], scopes: [] },
  'sla-policies:preview': { public: false, roles: ['admin'], scopes: [] },
  'sla-policies:history': { public: false, roles: ['lead', 'admin'], scopes: [] },
  // Automation rules (docs/automation.md): leads read them, admins change and test them.
  'automation:read': { public: false, roles: ['lead', 'admin'], scopes: [] },
  'automation:write': { public: false, roles: ['admin'], scopes: [] },
  // Categories: everyone who files tickets reads them (forms); admins change them.
  'categories:read': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read', 'tickets.write'],
  },
  'categories:write': { public: false, roles: ['admin'], scopes: [] },
  // Status labels: read like the categories (every portal shows them), renamed by admins.
  'statuses:read': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read', 'tickets.write'],
  },
  'statuses:write': { public: false, roles: ['admin'], scopes: [] },
  // Custom ticket fields: read like the categories (the forms show them), defined by admins.
  'ticket-fields:read': {
    public: false,
    roles: ['client', 'agent', 'lead', 'admin'],
    scopes: ['tickets.read', 'tickets.write'],
  },
  'ticket-fields:write': { public: false, roles: ['admin'], scopes: [] },
  // Mail templates (docs/mail-templates.md): leads read them, admins change and preview them.
  'mail-templates:read': { public: false, roles: ['lead', 'admin'], scopes: [] },
  'mail-templates:write': { public: false, roles: ['admin'], scopes: [] },
  'webhooks:read': { public: false, roles: ['admin'], scopes: [] },
  'webhooks:write': { public: false, roles: ['admin'], scopes: [] },
  // Agent notifications and their mail preferences: staff only (docs/notifications.md).
  'notifications:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'notifications:update': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'preferences:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'preferences:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  // The agent's desk (docs/desk.md): staff only. Who may write a shared canned response (leads,
  // admins) and who sees a personal one (its owner) is decided per response by shared/desk.
  'canned-responses:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'canned-responses:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  // Saved views of the queue page: shared ones written by leads and admins, personal ones by their owner.
  'views:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'views:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'presence:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'presence:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'tickets:merge': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  // Routing and administration (docs/routing.md, docs/admin.md). Staff read queues; admins
  // change queues, accounts and organisations; leads change skills and capacity of the members
  // of the queues they lead (decided per account by shared/identity/use-cases/accounts.ts).
  'queues:write': { public: false, roles: ['admin'], scopes: [] },
  'availability:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'users:invite': { public: false, roles: ['admin'], scopes: [] },
  'users:update': { public: false, roles: ['lead', 'admin'], scopes: [] },
  'organisations:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'organisations:write': { public: false, roles: ['admin'], scopes: [] },
  // The knowledge base (docs/kb.md): reading and searching are public (published public articles;
  // staff see drafts and internal ones); staff write, and shared/kb decides who publishes.
  'kb:read': { public: true, roles: [], scopes: [] },
  'kb:search': { public: true, roles: [], scopes: [] },
  'kb:write': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  'kb:history': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  // A client reports that a suggested article answered (docs/kb.md): counted in the reports.
  'kb:deflection': { public: false, roles: ['client'], scopes: [] },
  // The e-mail channel (docs/inbound-mail.md): its dead-letter list and settings, admins only.
  'inbound-mail:read': { public: false, roles: ['admin'], scopes: [] },
  'inbound-mail:write': { public: false, roles: ['admin'], scopes: [] },
  // Reports (docs/reports.md): leads and admins; an agent only its own figures (agent=me), checked by shared/reports.
  'reports:read': { public: false, roles: ['agent', 'lead', 'admin'], scopes: [] },
  // Deleting a ticket (spam, erasure; docs/api.md): leads and admins, never an integration key.
  'tickets:delete': { public: false, roles: ['lead', 'admin'], scopes: [] },
} as const satisfies Record<string, { public: boolean; roles: readonly Role[]; scopes: readonly Scope[] }>;

export type Action = keyof typeof permissions;

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

export const authorize = (action: Action, caller: Caller | null): Decision => {
  const rule = permissions[action];
  if (rule.public) return 'allow';
  if (!caller) return 'unauthenticated';
  if (caller.kind === 'user')
    return (rule.roles as readonly Role[]).includes(caller.role) ? 'allow' : 'forbidden';
  return caller.scopes.some((scope) => (rule.scopes as readonly Scope[]).includes(scope))
    ? 'allow'
    : 'forbidden';
};
