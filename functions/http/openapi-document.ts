import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { MeResponse, UserList, UsersQuery } from '#functions/identity/schemas.js';
import { LoginBody, LoginResponse } from '#identity/login.js';
import { permissions } from '#identity/permissions.js';
import { HealthReport } from '#platform/health.js';
import { Queue } from '#queues/queue.js';
import { SlaPolicyDocument } from '#sla/policy.js';
import {
  CreateTicketBody,
  EventPage,
  Feedback,
  FeedbackBody,
  ListTicketsQuery,
  Message,
  MessageBody,
  MessagePage,
  PageQuery,
  PatchTicketBody,
  ReopenBody,
  ResolveBody,
  TicketPage,
  TicketPathParams,
  TicketView,
} from '#tickets/schemas.js';
import { HealthProblem, Problem } from './problem.js';
import { API_PREFIX, type Route, routeName, routes } from './routes.js';

/** The HTTP contract as OpenAPI 3.1, generated from the same zod schemas the handlers validate with. */

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const ok = (schema: z.ZodType, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: z.ZodType, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

const IfMatch = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The ticket version from its ETag; a stale version is a 412' }),
});

const operations: Record<string, ZodOpenApiOperationObject> = {
  health: {
    summary: 'Health of each dependency (table, scheduler, mail)',
    responses: {
      200: ok(HealthReport),
      503: {
        description: 'A dependency is down',
        content: { 'application/problem+json': { schema: HealthProblem } },
      },
    },
  },
  openapi: { summary: 'This document', responses: { 200: ok(z.object({}).passthrough()) } },
  login: {
    summary: 'Sign in (local runtime only; Cognito in the cloud)',
    requestBody: body(LoginBody),
    responses: {
      200: ok(LoginResponse),
      401: problem('Wrong e-mail or password'),
    },
  },
  token: {
    summary: 'Integrator token, OAuth2 client credentials (local runtime only; Cognito in the cloud)',
    description: 'Errors follow RFC 6749 §5.2 ({ error, error_description }), not problem+json.',
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': {
          schema: z.object({
            grant_type: z.literal('client_credentials'),
            client_id: z.string().optional(),
            client_secret: z.string().optional(),
            scope: z.string().optional(),
          }),
        },
      },
    },
    responses: {
      200: ok(
        z.object({
          access_token: z.string(),
          token_type: z.literal('Bearer'),
          expires_in: z.int(),
          scope: z.string(),
        }),
      ),
      400: ok(
        z.object({ error: z.string(), error_description: z.string() }),
        'invalid_request, unsupported_grant_type, invalid_scope',
      ),
      401: ok(
        z.object({ error: z.literal('invalid_client'), error_description: z.string() }),
        'invalid_client',
      ),
    },
  },
  me: { summary: 'Who am I', responses: { 200: ok(MeResponse) } },
  'create-ticket': {
    summary: 'Open a ticket',
    requestParams: {
      header: z.object({
        'idempotency-key': z
          .string()
          .optional()
          .meta({ description: 'Same key + same body → the same ticket' }),
      }),
    },
    requestBody: body(CreateTicketBody),
    responses: {
      201: ok(TicketView, 'Created (or replayed for a repeated Idempotency-Key)'),
      422: problem('Idempotency-Key reused with another body'),
    },
  },
  'list-tickets': {
    summary: 'List tickets (clients: their organisation only)',
    requestParams: { query: ListTicketsQuery },
    responses: { 200: ok(TicketPage) },
  },
  'get-ticket': {
    summary: 'One ticket; ETag carries its version',
    requestParams: { path: TicketPathParams },
    responses: { 200: ok(TicketView), 404: problem('No such ticket visible to you') },
  },
  'patch-ticket': {
    summary: 'Change status, priority, queue, assignee, category, tags',
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(PatchTicketBody),
    responses: { 200: ok(TicketView), 409: problem('Illegal transition'), 412: problem('Stale version') },
  },
  'post-message': {
    summary: 'Reply, or add an internal note (staff)',
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(MessageBody),
    responses: { 201: ok(Message) },
  },
  'list-messages': {
    summary: 'The conversation (clients never see internal notes)',
    requestParams: { path: TicketPathParams, query: PageQuery },
    responses: { 200: ok(MessagePage) },
  },
  'list-events': {
    summary: 'The history: every change, who, when, before → after',
    requestParams: { path: TicketPathParams, query: PageQuery },
    responses: { 200: ok(EventPage) },
  },
  'resolve-ticket': {
    summary: 'Propose the solution',
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(ResolveBody, false),
    responses: { 200: ok(TicketView) },
  },
  'accept-ticket': {
    summary: 'Accept the solution (closes the ticket)',
    requestParams: { path: TicketPathParams, header: IfMatch },
    responses: { 200: ok(TicketView) },
  },
  'reopen-ticket': {
    summary: 'Reject the solution (back to open, clocks resume)',
    requestParams: { path: TicketPathParams, header: IfMatch },
    requestBody: body(ReopenBody, false),
    responses: { 200: ok(TicketView) },
  },
  'give-feedback': {
    summary: 'Rate the service once the ticket is resolved or closed',
    requestParams: { path: TicketPathParams },
    requestBody: body(FeedbackBody),
    responses: { 201: ok(Feedback), 409: problem('Already given, or not resolved yet') },
  },
  'list-queues': {
    summary: 'Queues with ticket counts per status',
    responses: { 200: ok(z.object({ items: z.array(Queue) })) },
  },
  'get-sla-policies': {
    summary: 'The ordered SLA policies (the first matching one applies); ETag carries their version',
    responses: { 200: ok(SlaPolicyDocument) },
  },
  'put-sla-policies': {
    summary: 'Replace the whole ordered list of SLA policies; every change is recorded',
    requestParams: {
      header: z.object({
        'if-match': z
          .string()
          .optional()
          .meta({ description: 'The version from the ETag of GET; a stale version is a 412' }),
      }),
    },
    requestBody: body(SlaPolicyDocument),
    responses: { 200: ok(SlaPolicyDocument), 412: problem('Saved by someone else meanwhile') },
  },
  'list-users': {
    summary: 'Staff directory for assignment',
    requestParams: { query: UsersQuery },
    responses: { 200: ok(UserList) },
  },
};

const common = {
  400: problem('Invalid input: `errors` names each field'),
  401: problem('Not signed in'),
  403: problem('Not allowed for your role'),
  500: problem('Server error (carries a request id)'),
};

const operationFor = (route: Route): ZodOpenApiOperationObject => {
  const operation = operations[routeName(route)] ?? { responses: { 200: { description: 'OK' } } };
  const rule = permissions[route.action];
  const who = rule.public
    ? 'anyone'
    : [...rule.roles, ...rule.scopes.map((scope) => `scope ${scope}`)].join(', ');
  return {
    operationId: routeName(route),
    description: `Allowed: ${who}.${route.localOnly ? ' Local runtime only.' : ''}`,
    ...(rule.public ? { security: [] } : {}),
    ...operation,
    responses: { ...common, ...operation.responses },
  };
};

export const openApiDocument = () => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = `${API_PREFIX}${route.path}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operationFor(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Help desk API',
      version: '1.0.0',
      description:
        'Tickets with SLA clocks. Every error is RFC 9457 application/problem+json. Send `Authorization: Bearer <token>`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  });
};
