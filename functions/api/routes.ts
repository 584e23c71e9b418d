import type { Action } from '../../shared/auth/permissions.js';

/**
 * Every HTTP route of the product. The local server and the CDK Api construct both read
 * this table: one Lambda module per route (`functions/api/<module>.ts`, exporting
 * `handler`), authorized by the action it names in the permission table.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v1, with `{param}` placeholders as API Gateway writes them. */
  path: string;
  module: string;
  action: Action;
  /** Served only by the local runtime (in the cloud Cognito does this). */
  localOnly?: boolean;
  /** Reads only: the function gets read-only table access. */
  readOnly?: boolean;
}

export const API_PREFIX = '/api/v1';

export const routes: readonly Route[] = [
  { method: 'GET', path: '/health', module: 'health', action: 'health:read', readOnly: true },
  { method: 'GET', path: '/openapi.json', module: 'openapi', action: 'openapi:read', readOnly: true },
  {
    method: 'POST',
    path: '/auth/login',
    module: 'login',
    action: 'auth:login',
    localOnly: true,
    readOnly: true,
  },
  { method: 'GET', path: '/me', module: 'me', action: 'me:read', readOnly: true },
  { method: 'POST', path: '/tickets', module: 'create-ticket', action: 'tickets:create' },
  { method: 'GET', path: '/tickets', module: 'list-tickets', action: 'tickets:list', readOnly: true },
  { method: 'GET', path: '/tickets/{id}', module: 'get-ticket', action: 'tickets:read', readOnly: true },
  { method: 'PATCH', path: '/tickets/{id}', module: 'patch-ticket', action: 'tickets:update' },
  { method: 'POST', path: '/tickets/{id}/messages', module: 'post-message', action: 'messages:create' },
  {
    method: 'GET',
    path: '/tickets/{id}/messages',
    module: 'list-messages',
    action: 'messages:list',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/tickets/{id}/events',
    module: 'list-events',
    action: 'events:list',
    readOnly: true,
  },
  { method: 'POST', path: '/tickets/{id}/resolve', module: 'resolve-ticket', action: 'tickets:resolve' },
  { method: 'POST', path: '/tickets/{id}/accept', module: 'accept-ticket', action: 'tickets:accept' },
  { method: 'POST', path: '/tickets/{id}/reopen', module: 'reopen-ticket', action: 'tickets:reopen' },
  { method: 'POST', path: '/tickets/{id}/feedback', module: 'give-feedback', action: 'tickets:feedback' },
  { method: 'GET', path: '/queues', module: 'list-queues', action: 'queues:list', readOnly: true },
  { method: 'GET', path: '/users', module: 'list-users', action: 'users:list', readOnly: true },
  {
    method: 'GET',
    path: '/sla-policies',
    module: 'get-sla-policies',
    action: 'sla-policies:read',
    readOnly: true,
  },
  { method: 'PUT', path: '/sla-policies', module: 'put-sla-policies', action: 'sla-policies:write' },
];
