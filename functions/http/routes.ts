import type { Action } from '#identity/permissions.js';

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
  action: Action;
  /** Served only by the local runtime (in the cloud Cognito does this). */
  localOnly?: boolean;
  /** Reads only: the function gets read-only table access. */
  readOnly?: boolean;
}

export const API_PREFIX = '/api/v1';

export const routes: readonly Route[] = [
  {
    method: 'GET',
    path: '/health',
    module: 'functions/platform/health',
    action: 'health:read',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    module: 'functions/platform/openapi',
    action: 'openapi:read',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/auth/login',
    module: 'local/login',
    action: 'auth:login',
    localOnly: true,
    readOnly: true,
  },
  { method: 'GET', path: '/me', module: 'functions/identity/me', action: 'me:read', readOnly: true },
  { method: 'POST', path: '/tickets', module: 'functions/tickets/create-ticket', action: 'tickets:create' },
  {
    method: 'GET',
    path: '/tickets',
    module: 'functions/tickets/list-tickets',
    action: 'tickets:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}',
    module: 'functions/tickets/get-ticket',
    action: 'tickets:read',
    readOnly: true,
  },
  {
    method: 'PATCH',
    path: '/tickets/{id}',
    module: 'functions/tickets/patch-ticket',
    action: 'tickets:update',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/messages',
    module: 'functions/tickets/post-message',
    action: 'messages:create',
  },
  {
    method: 'GET',
    path: '/tickets/{id}/messages',
    module: 'functions/tickets/list-messages',
    action: 'messages:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}/events',
    module: 'functions/tickets/list-events',
    action: 'events:list',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/tickets/{id}/resolve',
    module: 'functions/tickets/resolve-ticket',
    action: 'tickets:resolve',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/accept',
    module: 'functions/tickets/accept-ticket',
    action: 'tickets:accept',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/reopen',
    module: 'functions/tickets/reopen-ticket',
    action: 'tickets:reopen',
  },
  {
    method: 'POST',
    path: '/tickets/{id}/feedback',
    module: 'functions/tickets/give-feedback',
    action: 'tickets:feedback',
  },
  {
    method: 'GET',
    path: '/queues',
    module: 'functions/queues/list-queues',
    action: 'queues:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/users',
    module: 'functions/identity/list-users',
    action: 'users:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/sla-policies',
    module: 'functions/sla/get-sla-policies',
    action: 'sla-policies:read',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/sla-policies',
    module: 'functions/sla/put-sla-policies',
    action: 'sla-policies:write',
  },
];

/** A route module's short name (`create-ticket`): construct ids and function names derive from it. */
export const routeName = (route: Pick<Route, 'module'>): string =>
  route.module.slice(route.module.lastIndexOf('/') + 1);
