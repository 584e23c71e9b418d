import type { Action } from '#identity/permissions.js';
import type { FunctionFamily } from '../wiring/settings.js';

/**
 * Every HTTP route of the product. The local server and the CDK Api construct both read
 * this table: one Lambda module per route (`functions/<capability>/<name>.ts`, exporting
 * `handler`), authorized by the action it names in the permission table. Local-only routes
 * live under local/ and are never bundled into a function.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v1, with `{param}` placeholders as API Gateway writes them. */
  path: string;
  /** The handler module, from the repository root without extension (`functions/tickets/create-ticket`). */
  module: string;
  /** Which settings its wiring reads (functions/wiring/settings.ts): infra sets exactly those. */
  family: FunctionFamily;
  action: Action;
  /** Served only by the local runtime (in the cloud Cognito does this). */
  localOnly?: boolean;
  /** Reads only: the function gets read-only table access. */
  readOnly?: boolean;
}

export const API_PREFIX = '/api/v1';

/** The e-mail channel's admin routes (docs/inbound-mail.md). */
const inboundMailRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/inbound-mail/dead-letters',
    module: 'functions/email/list-dead-letters',
    family: 'api-table',
    action: 'inbound-mail:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/inbound-mail/dead-letters/{id}/retry',
    module: 'functions/email/retry-dead-letter',
    family: 'inbound-mail',
    action: 'inbound-mail:write',
  },
  {
    method: 'GET',
    path: '/inbound-mail/settings',
    module: 'functions/email/get-inbound-settings',
    family: 'api-table',
    action: 'inbound-mail:read',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/inbound-mail/settings',
    module: 'functions/email/put-inbound-settings',
    family: 'api-table',
    action: 'inbound-mail:write',
  },
];

export const routes: readonly Route[] = [
  {
    method: 'GET',
    path: '/health',
    module: 'functions/platform/health',
    family: 'api-table',
    action: 'health:read',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    module: 'functions/platform/openapi',
    family: 'api-public',
    action: 'openapi:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/auth/login',
    module: 'local/login',
    family: 'api-table',
    action: 'auth:login',
    localOnly: true,
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/auth/token',
    module: 'local/token',
    family: 'api-public',
    action: 'auth:token',
    localOnly: true,
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/me',
    module: 'functions/identity/me',
    family: 'api-public',
    action: 'me:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/tickets',
    module: 'functions/tickets/create-ticket',
    family: 'api-changes',
    action: 'tickets:create',
  },
  {
    method: 'GET',
    path: '/tickets',
    module: 'functions/tickets/list-tickets',
    family: 'api-search',
    action: 'tickets:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}',
    module: 'functions/tickets/get-ticket',
    family: 'api-table',
    action: 'tickets:read',
    readOnly: true,
  },
  {
    method: 'PATCH',
    path: '/tickets/{id}',
    module: 'functions/tickets/patch-ticket',
    family: 'api-changes',
    action: 'tickets:update',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/messages',
    module: 'functions/tickets/post-message',
    family: 'api-changes',
    action: 'messages:create',
  },
  {
    method: 'GET',
    path: '/tickets/{id}/messages',
    module: 'functions/tickets/list-messages',
    family: 'api-lists',
    action: 'messages:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}/messages/{messageId}',
    module: 'functions/tickets/get-message',
    family: 'api-table',
    action: 'messages:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/tickets/{id}/attachments',
    module: 'functions/attachments/create-attachment',
    family: 'attachments',
    action: 'attachments:create',
  },
  {
    method: 'GET',
    path: '/tickets/{id}/attachments',
    module: 'functions/attachments/list-attachments',
    family: 'attachments',
    action: 'attachments:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}/attachments/{attachmentId}',
    module: 'functions/attachments/get-attachment',
    family: 'attachments',
    action: 'attachments:read',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}/events',
    module: 'functions/tickets/list-events',
    family: 'api-lists',
    action: 'events:list',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/tickets/{id}/resolve',
    module: 'functions/tickets/resolve-ticket',
    family: 'api-changes',
    action: 'tickets:resolve',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/accept',
    module: 'functions/tickets/accept-ticket',
    family: 'api-changes',
    action: 'tickets:accept',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/reopen',
    module: 'functions/tickets/reopen-ticket',
    family: 'api-changes',
    action: 'tickets:reopen',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/feedback',
    module: 'functions/tickets/give-feedback',
    family: 'api-changes',
    action: 'tickets:feedback',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/merge',
    module: 'functions/tickets/merge-ticket',
    family: 'api-changes',
    action: 'tickets:merge',
  },
  {
    method: 'GET',
    path: '/queues',
    module: 'functions/queues/list-queues',
    family: 'api-table',
    action: 'queues:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/users',
    module: 'functions/identity/list-users',
    family: 'api-table',
    action: 'users:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/sla-policies',
    module: 'functions/sla/get-sla-policies',
    family: 'api-table',
    action: 'sla-policies:read',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/sla-policies',
    module: 'functions/sla/put-sla-policies',
    family: 'api-table',
    action: 'sla-policies:write',
  },
  {
    method: 'GET',
    path: '/webhooks',
    module: 'functions/webhooks/list-webhooks',
    family: 'api-webhooks',
    action: 'webhooks:read',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/me/notifications',
    module: 'functions/notifications/list-notifications',
    family: 'api-lists',
    action: 'notifications:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/webhooks',
    module: 'functions/webhooks/create-webhook',
    family: 'api-webhooks',
    action: 'webhooks:write',
  },
  {
    method: 'GET',
    path: '/webhooks/{id}',
    module: 'functions/webhooks/get-webhook',
    family: 'api-webhooks',
    action: 'webhooks:read',
    readOnly: true,
  },
  {
    method: 'PATCH',
    path: '/webhooks/{id}',
    module: 'functions/webhooks/update-webhook',
    family: 'api-webhooks',
    action: 'webhooks:write',
  },
  {
    method: 'DELETE',
    path: '/webhooks/{id}',
    module: 'functions/webhooks/delete-webhook',
    family: 'api-webhooks',
    action: 'webhooks:write',
  },
  {
    method: 'GET',
    path: '/webhooks/{id}/deliveries',
    module: 'functions/webhooks/list-webhook-deliveries',
    family: 'api-webhooks',
    action: 'webhooks:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/me/notifications/read',
    module: 'functions/notifications/mark-notifications-read',
    family: 'api-table',
    action: 'notifications:update',
  },
  {
    method: 'GET',
    path: '/me/preferences',
    module: 'functions/notifications/get-preferences',
    family: 'api-table',
    action: 'preferences:read',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/me/preferences',
    module: 'functions/notifications/put-preferences',
    family: 'api-table',
    action: 'preferences:write',
  },
  {
    method: 'GET',
    path: '/canned-responses',
    module: 'functions/desk/list-canned-responses',
    family: 'api-table',
    action: 'canned-responses:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/canned-responses',
    module: 'functions/desk/create-canned-response',
    family: 'api-table',
    action: 'canned-responses:write',
  },
  {
    method: 'GET',
    path: '/canned-responses/{id}',
    module: 'functions/desk/get-canned-response',
    family: 'api-table',
    action: 'canned-responses:read',
    readOnly: true,
  },
  {
    method: 'PATCH',
    path: '/canned-responses/{id}',
    module: 'functions/desk/update-canned-response',
    family: 'api-table',
    action: 'canned-responses:write',
  },
  {
    method: 'DELETE',
    path: '/canned-responses/{id}',
    module: 'functions/desk/delete-canned-response',
    family: 'api-table',
    action: 'canned-responses:write',
  },
  {
    method: 'GET',
    path: '/canned-responses/{id}/render',
    module: 'functions/desk/render-canned-response',
    family: 'api-table',
    action: 'canned-responses:read',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/tickets/{id}/presence',
    module: 'functions/desk/put-presence',
    family: 'api-table',
    action: 'presence:write',
  },
  {
    method: 'GET',
    path: '/tickets/{id}/presence',
    module: 'functions/desk/get-presence',
    family: 'api-table',
    action: 'presence:read',
    readOnly: true,
  }, // The knowledge base (docs/kb.md).
  {
    method: 'GET',
    path: '/kb/articles',
    module: 'functions/kb/list-articles',
    family: 'api-search',
    action: 'kb:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/kb/articles',
    module: 'functions/kb/create-article',
    family: 'api-table',
    action: 'kb:write',
  },
  {
    method: 'GET',
    path: '/kb/articles/{id}',
    module: 'functions/kb/get-article',
    family: 'api-table',
    action: 'kb:read',
    readOnly: true,
  },
  {
    method: 'PATCH',
    path: '/kb/articles/{id}',
    module: 'functions/kb/update-article',
    family: 'api-table',
    action: 'kb:write',
  },
  {
    method: 'DELETE',
    path: '/kb/articles/{id}',
    module: 'functions/kb/delete-article',
    family: 'api-table',
    action: 'kb:write',
  },
  {
    method: 'GET',
    path: '/kb/articles/{id}/versions',
    module: 'functions/kb/list-article-versions',
    family: 'api-table',
    action: 'kb:history',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/kb/search',
    module: 'functions/kb/search-articles',
    family: 'api-search',
    action: 'kb:search',
    readOnly: true,
  },
  ...inboundMailRoutes,
  // Reports (docs/reports.md): leads and admins; an agent its own figures with agent=me.
  ...(
    [
      ['/reports/overview', 'functions/reports/get-overview'],
      ['/reports/agents', 'functions/reports/get-agents'],
      ['/reports/csat', 'functions/reports/get-csat'],
      ['/reports/trends', 'functions/reports/get-trends'],
      ['/reports/export.csv', 'functions/reports/export-csv'],
    ] as const
  ).map(
    ([path, module]): Route => ({
      method: 'GET',
      path,
      module,
      family: 'api-lists',
      action: 'reports:read',
      readOnly: true,
    }),
  ),
];

/** A route module's short name (`create-ticket`): construct ids and function names derive from it. */
export const routeName = (route: Pick<Route, 'module'>): string =>
  route.module.slice(route.module.lastIndexOf('/') + 1);
