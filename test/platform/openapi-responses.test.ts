import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '#functions/http/openapi-document.js';
import { API_PREFIX, routes } from '#functions/http/routes.js';
import { pngBytes, putBytes } from '../attachments/fixtures.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Every route's answers, for a representative request per route and role, validate against
 * the OpenAPI document: the status is documented, the body matches its schema (OpenAPI 3.1
 * schemas are JSON Schema 2020-12) and the documented headers are there.
 */

interface Documented {
  content?: Record<string, { schema: unknown }>;
  headers?: Record<string, unknown>;
}
const document = openApiDocument() as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, Documented | { $ref: string }> }>>;
  components: Record<string, Record<string, unknown>>;
};
const COMPONENTS = 'https://helpdesk.example/openapi-components';
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajvFormats.default(ajv);
ajv.addSchema({ $id: COMPONENTS, components: document.components });
const withAbsoluteRefs = (schema: unknown) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${COMPONENTS}#/components/`));

const covered = new Set<string>();

type Answer = Awaited<ReturnType<typeof call>>;

const expectDocumented = (method: string, template: string, answer: Answer) => {
  const where = `${method} ${template} → ${answer.status}`;
  const operation = document.paths[`${API_PREFIX}${template}`]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  let response = operation?.responses[String(answer.status)];
  if (response && '$ref' in response) {
    const name = response.$ref.split('/').pop() ?? '';
    response = document.components.responses?.[name] as Documented | undefined;
  }
  expect(response, `${where} is documented`).toBeDefined();
  covered.add(`${method} ${template}`);
  expect(answer.headers.get('x-request-id'), `${where} carries X-Request-Id`).toBeTruthy();
  const documentedHeaders = Object.keys((response as Documented).headers ?? {}).map((h) => h.toLowerCase());
  expect(documentedHeaders, `${where} documents X-Request-Id`).toContain('x-request-id');
  const content = (response as Documented).content;
  if (!content) {
    expect(answer.body, `${where} has no body`).toBeNull();
    return;
  }
  const type = (answer.headers.get('content-type') ?? '').split(';')[0] ?? '';
  const media = content[type];
  expect(media, `${where} documents ${type}`).toBeDefined();
  const validate = ajv.compile(withAbsoluteRefs(media?.schema));
  const valid = validate(answer.body);
  expect(validate.errors ?? [], `${where}: ${JSON.stringify(answer.body).slice(0, 400)}`).toEqual([]);
  expect(valid).toBe(true);
};

let rt: TestRuntime;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  rt = await startTestRuntime();
  const users: Record<string, DemoLogin> = {
    client: 'client@acme.example',
    otherClient: 'client@globex.example',
    agent: 'agent@helpdesk.example',
    lead: 'lead@helpdesk.example',
    admin: 'admin@helpdesk.example',
  };
  for (const [role, email] of Object.entries(users)) tokens[role] = await rt.token(email);
  tokens.integrator = await rt.integratorToken(['helpdesk/tickets.read', 'helpdesk/tickets.write']);
});
afterAll(() => rt.stop());

const request = async (
  method: string,
  template: string,
  options: {
    as?: string;
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) => {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => options.params?.[name] ?? '');
  const answer = await call(`${rt.api}${path}${options.query ? `?${options.query}` : ''}`, {
    method,
    ...(options.as ? { token: tokens[options.as] ?? '' } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  expectDocumented(method, template, answer);
  return answer;
};

describe('answers match the OpenAPI document', () => {
  it('public routes and who-am-I for every kind of caller', async () => {
    await request('GET', '/health');
    await request('GET', '/openapi.json');
    await request('POST', '/auth/login', { body: { email: 'client@acme.example', password: 'demo' } });
    await request('POST', '/auth/login', { body: { email: 'client@acme.example', password: 'wrong' } });
    const grant = { grant_type: 'client_credentials', client_id: 'demo-integrator' };
    await request('POST', '/auth/token', { body: { ...grant, client_secret: rt.integratorSecret } });
    await request('POST', '/auth/token', { body: { ...grant, client_secret: 'wrong' } });
    for (const as of ['client', 'agent', 'admin']) {
      const me = await request('GET', '/me', { as });
      // The profile carries the user's time zone (the portal formats deadlines in it).
      expect(me.body.timeZone, as).toEqual(expect.any(String));
    }
    await request('GET', '/me', { as: 'integrator' });
    await request('GET', '/me');
  });

  it('a ticket’s life, by client, agent, integrator and strangers', async () => {
    const created = await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Contract', description: 'Validates' },
      headers: { 'idempotency-key': 'contract-1' },
    });
    await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Contract', description: 'Validates' },
      headers: { 'idempotency-key': 'contract-1' },
    });
    await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Other' },
      headers: { 'idempotency-key': 'contract-1' },
    });
    await request('POST', '/tickets', { as: 'client', body: {} });
    await request('POST', '/tickets', {
      as: 'agent',
      body: { subject: 'For acme', description: 'x', orgId: 'acme' },
    });
    await request('POST', '/tickets', {
      as: 'integrator',
      body: {
        subject: 'From CRM',
        description: 'x',
        orgId: 'acme',
        requester: { email: 'someone@acme.example' },
      },
    });
    const id = created.body.id as string;
    const params = { id };
    for (const as of ['client', 'agent', 'integrator']) {
      await request('GET', '/tickets', { as });
      await request('GET', '/tickets/{id}', { as, params });
    }
    await request('GET', '/tickets', { as: 'agent', query: 'sort=-priority&limit=1' });
    await request('GET', '/tickets', { as: 'agent', query: 'cursor=forged' });
    await request('GET', '/tickets');
    await request('GET', '/tickets/{id}', { as: 'otherClient', params });

    await request('PATCH', '/tickets/{id}', {
      as: 'agent',
      params,
      body: { status: 'open', assignee: 'me' },
    });
    await request('PATCH', '/tickets/{id}', {
      as: 'agent',
      params,
      headers: { 'if-match': '"1"' },
      body: { priority: 'high' },
    });
    await request('PATCH', '/tickets/{id}', { as: 'agent', params, body: { status: 'new' } });
    await request('PATCH', '/tickets/{id}', { as: 'client', params, body: { subject: 'Too late' } });

    const reply = await request('POST', '/tickets/{id}/messages', {
      as: 'client',
      params,
      body: { body: 'Hi' },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'agent',
      params,
      body: { body: 'Note', internal: true },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'integrator',
      params,
      body: { body: 'Synced' },
      headers: { 'idempotency-key': 'contract-reply' },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'integrator',
      params,
      body: { body: 'Synced' },
      headers: { 'idempotency-key': 'contract-reply' },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'integrator',
      params,
      body: { body: 'Other' },
      headers: { 'idempotency-key': 'contract-reply' },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'client',
      params,
      headers: { 'if-match': '"1"' },
      body: { body: 'x' },
    });
    await request('POST', '/tickets/{id}/messages', { as: 'otherClient', params, body: { body: 'x' } });
    const messageParams = { id, messageId: reply.body.id as string };
    for (const as of ['client', 'agent', 'integrator']) {
      await request('GET', '/tickets/{id}/messages', { as, params });
      await request('GET', '/tickets/{id}/messages/{messageId}', { as, params: messageParams });
      await request('GET', '/tickets/{id}/events', { as, params });
    }
    await request('GET', '/tickets/{id}/messages/{messageId}', {
      as: 'client',
      params: { id, messageId: '01J0000000000000000000000Z' },
    });

    await request('POST', '/tickets/{id}/accept', { as: 'client', params });
    await request('POST', '/tickets/{id}/feedback', { as: 'client', params, body: { rating: 4 } });
    await request('POST', '/tickets/{id}/resolve', { as: 'client', params });
    await request('POST', '/tickets/{id}/resolve', { as: 'agent', params, headers: { 'if-match': '"1"' } });
    await request('POST', '/tickets/{id}/resolve', { as: 'agent', params, body: { message: 'Fixed' } });
    await request('POST', '/tickets/{id}/reopen', { as: 'client', params, body: { message: 'Not fixed' } });
    await request('POST', '/tickets/{id}/resolve', { as: 'agent', params });
    await request('POST', '/tickets/{id}/accept', { as: 'otherClient', params });
    await request('POST', '/tickets/{id}/accept', { as: 'client', params, headers: { 'if-match': '"1"' } });
    await request('POST', '/tickets/{id}/accept', { as: 'client', params });
    await request('POST', '/tickets/{id}/reopen', { as: 'client', params });
    await request('POST', '/tickets/{id}/messages', { as: 'client', params, body: { body: 'closed?' } });
    await request('POST', '/tickets/{id}/feedback', { as: 'client', params, body: { rating: 5 } });
    await request('POST', '/tickets/{id}/feedback', { as: 'client', params, body: { rating: 5 } });
  });

  it('staff directory, queues and SLA policies', async () => {
    await request('GET', '/queues', { as: 'agent' });
    await request('GET', '/queues', { as: 'client' });
    await request('GET', '/users', { as: 'lead', query: 'role=agent' });
    const policies = await request('GET', '/sla-policies', { as: 'admin' });
    await request('PUT', '/sla-policies', {
      as: 'admin',
      headers: { 'if-match': policies.headers.get('etag') ?? '' },
      body: policies.body,
    });
    await request('PUT', '/sla-policies', {
      as: 'admin',
      headers: { 'if-match': '"999"' },
      body: policies.body,
    });
    await request('PUT', '/sla-policies', { as: 'agent', body: policies.body });
  });

  it('webhooks', async () => {
    const url = 'http://127.0.0.1:9/openapi';
    await request('POST', '/webhooks', { as: 'admin', body: { url, events: [] } });
    await request('POST', '/webhooks', { as: 'agent', body: { url, events: ['ticket.created'] } });
    const created = await request('POST', '/webhooks', {
      as: 'admin',
      body: { url, events: ['ticket.created'] },
    });
    const params = { id: created.body.id };
    await request('GET', '/webhooks', { as: 'admin' });
    await request('GET', '/webhooks/{id}', { as: 'admin', params });
    await request('GET', '/webhooks/{id}', { as: 'admin', params: { id: '01J00000000000000000000000' } });
    await request('PATCH', '/webhooks/{id}', { as: 'admin', params, body: { active: false } });
    await request('PATCH', '/webhooks/{id}', {
      as: 'admin',
      params,
      headers: { 'if-match': '"1"' },
      body: { active: true },
    });
    await request('GET', '/webhooks/{id}/deliveries', { as: 'admin', params });
    await request('DELETE', '/webhooks/{id}', { as: 'admin', params });
    await request('DELETE', '/webhooks/{id}', { as: 'admin', params });
  });

  it('notifications and preferences, for staff and for clients', async () => {
    await rt.drained();
    const page = await request('GET', '/me/notifications', { as: 'agent', query: 'limit=2' });
    expect(page.body.items.length).toBeGreaterThan(0);
    await request('GET', '/me/notifications', { as: 'client' });
    await request('GET', '/me/notifications', { as: 'agent', query: 'limit=0' });
    await request('POST', '/me/notifications/read', { as: 'agent', body: { ids: [page.body.items[0].id] } });
    await request('POST', '/me/notifications/read', { as: 'agent', body: { all: true } });
    await request('POST', '/me/notifications/read', { as: 'agent', body: {} });
    const preferences = await request('GET', '/me/preferences', { as: 'lead' });
    await request('PUT', '/me/preferences', { as: 'lead', body: preferences.body });
    await request('PUT', '/me/preferences', { as: 'lead', body: { mail: { often: true } } });
    await request('PUT', '/me/preferences', { as: 'client', body: { mail: {} } });
  });

  it('attachments: upload slot, list, download, refusals', async () => {
    const created = await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'With a file', description: 'Attached' },
    });
    const params = { id: created.body.id as string };
    const file = { fileName: 'shot.png', contentType: 'image/png', size: pngBytes.length };
    const slot = await request('POST', '/tickets/{id}/attachments', { as: 'client', params, body: file });
    await request('POST', '/tickets/{id}/attachments', {
      as: 'client',
      params,
      body: { ...file, size: 26e6 },
    });
    await request('POST', '/tickets/{id}/attachments', {
      as: 'client',
      params,
      body: { ...file, contentType: 'x/y' },
    });
    await request('POST', '/tickets/{id}/attachments', { as: 'otherClient', params, body: file });
    const attachmentParams = { ...params, attachmentId: slot.body.id as string };
    // Not uploaded yet: not offered.
    await request('GET', '/tickets/{id}/attachments/{attachmentId}', {
      as: 'client',
      params: attachmentParams,
    });
    await putBytes(slot.body.upload, pngBytes);
    await rt.uploadsVerified();
    for (const as of ['client', 'agent', 'integrator']) {
      await request('GET', '/tickets/{id}/attachments', { as, params });
      await request('GET', '/tickets/{id}/attachments/{attachmentId}', {
        as: 'agent',
        params: attachmentParams,
      });
    }
    await request('GET', '/tickets/{id}/attachments', { as: 'otherClient', params });
    await request('GET', '/tickets/{id}/attachments/{attachmentId}', {
      as: 'client',
      params: { ...params, attachmentId: '01J0000000000000000000000Z' },
    });
    await request('POST', '/tickets/{id}/messages', {
      as: 'client',
      params,
      body: { body: 'See the file', attachmentIds: [slot.body.id] },
    });
  });

  it('the agent’s desk: canned responses and presence', async () => {
    const ticket = await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Desk', description: 'For the desk routes' },
    });
    const created = await request('POST', '/canned-responses', {
      as: 'agent',
      body: { title: 'Hi', body: 'Hello {{requester.name}}' },
    });
    await request('POST', '/canned-responses', { as: 'agent', body: { title: '', body: 'x' } });
    await request('POST', '/canned-responses', {
      as: 'agent',
      body: { title: 'x', body: 'x', shared: true },
    });
    const params = { id: created.body.id };
    await request('GET', '/canned-responses', { as: 'agent' });
    await request('GET', '/canned-responses', { as: 'client' });
    await request('GET', '/canned-responses/{id}', { as: 'agent', params });
    await request('GET', '/canned-responses/{id}', { as: 'lead', params });
    await request('GET', '/canned-responses/{id}/render', {
      as: 'agent',
      params,
      query: `ticketId=${ticket.body.id}`,
    });
    await request('GET', '/canned-responses/{id}/render', { as: 'agent', params, query: 'ticketId=x' });
    await request('GET', '/canned-responses/{id}/render', {
      as: 'agent',
      params,
      query: 'ticketId=01J00000000000000000000000',
    });
    await request('PATCH', '/canned-responses/{id}', { as: 'agent', params, body: { title: 'Hello' } });
    await request('PATCH', '/canned-responses/{id}', {
      as: 'agent',
      params,
      body: { title: 'Hey' },
      headers: { 'if-match': '"1"' },
    });
    await request('PATCH', '/canned-responses/{id}', { as: 'lead', params, body: { title: 'Hey' } });
    await request('DELETE', '/canned-responses/{id}', { as: 'agent', params });
    await request('DELETE', '/canned-responses/{id}', { as: 'agent', params });
    const presence = { id: ticket.body.id };
    await request('PUT', '/tickets/{id}/presence', {
      as: 'agent',
      params: presence,
      body: { state: 'viewing' },
    });
    await request('PUT', '/tickets/{id}/presence', {
      as: 'agent',
      params: presence,
      body: { state: 'away' },
    });
    await request('PUT', '/tickets/{id}/presence', {
      as: 'client',
      params: presence,
      body: { state: 'viewing' },
    });
    const seen = await request('GET', '/tickets/{id}/presence', { as: 'lead', params: presence });
    expect(seen.body).toHaveLength(1);
    await request('GET', '/tickets/{id}/presence', { as: 'otherClient', params: presence });

    const target = await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Merge target', description: 'Where the desk ticket continues' },
    });
    await request('POST', '/tickets/{id}/merge', { as: 'agent', params: presence, body: { into: 'x' } });
    await request('POST', '/tickets/{id}/merge', {
      as: 'agent',
      params: presence,
      body: { into: target.body.id },
      headers: { 'if-match': '"99"' },
    });
    await request('POST', '/tickets/{id}/merge', {
      as: 'client',
      params: presence,
      body: { into: target.body.id },
    });
    const merged = await request('POST', '/tickets/{id}/merge', {
      as: 'agent',
      params: presence,
      body: { into: target.body.id },
    });
    expect(merged.body.mergedInto).toBe(target.body.id);
    await request('POST', '/tickets/{id}/merge', {
      as: 'agent',
      params: presence,
      body: { into: target.body.id },
    });
    await request('POST', '/tickets/{id}/merge', {
      as: 'otherClient',
      params: presence,
      body: { into: target.body.id },
    });

    const view = await request('POST', '/views', {
      as: 'agent',
      body: { name: 'Mine', filters: { assignee: 'me', status: 'active' }, sort: '-updatedAt' },
    });
    await request('POST', '/views', { as: 'agent', body: { name: '' } });
    await request('POST', '/views', { as: 'client', body: { name: 'x' } });
    await request('GET', '/views', { as: 'agent' });
    const viewParams = { id: view.body.id as string };
    await request('PATCH', '/views/{id}', { as: 'agent', params: viewParams, body: { name: 'Renamed' } });
    await request('PATCH', '/views/{id}', {
      as: 'agent',
      params: viewParams,
      body: { name: 'Stale' },
      headers: { 'if-match': '"1"' },
    });
    await request('PATCH', '/views/{id}', { as: 'lead', params: viewParams, body: { name: 'Not mine' } });
    await request('DELETE', '/views/{id}', {
      as: 'agent',
      params: viewParams,
      headers: { 'if-match': '"1"' },
    });
    await request('DELETE', '/views/{id}', { as: 'agent', params: viewParams });
  });

  it('routing and administration, automation, SLA calendars and policy changes', async () => {
    await request('GET', '/queues/{id}', { as: 'agent', params: { id: 'general' } });
    await request('GET', '/queues/{id}', { as: 'agent', params: { id: 'no-such-queue' } });
    await request('POST', '/queues', { as: 'admin', body: { id: 'contract-q', name: 'Contract' } });
    await request('POST', '/queues', { as: 'admin', body: { id: 'contract-q', name: 'Again' } });
    await request('POST', '/queues', { as: 'agent', body: { id: 'contract-q2', name: 'Contract' } });
    await request('PATCH', '/queues/{id}', {
      as: 'admin',
      params: { id: 'contract-q' },
      body: { autoAssign: 'round-robin' },
      headers: { 'if-match': '"1"' },
    });
    await request('PATCH', '/queues/{id}', {
      as: 'admin',
      params: { id: 'contract-q' },
      body: { name: 'Stale' },
      headers: { 'if-match': '"1"' },
    });
    await request('PUT', '/me/availability', { as: 'agent', body: { available: true } });
    await request('PUT', '/me/availability', { as: 'client', body: { available: true } });
    await request('POST', '/users', {
      as: 'admin',
      body: { email: 'contract-invitee@helpdesk.example', name: 'Invitee', role: 'agent' },
    });
    await request('POST', '/users', {
      as: 'admin',
      body: { email: 'not-an-address', name: 'X', role: 'agent' },
    });
    await request('PATCH', '/users/{id}', {
      as: 'admin',
      params: { id: 'user-agent2' },
      body: { capacity: 7 },
    });
    await request('PATCH', '/users/{id}', {
      as: 'agent',
      params: { id: 'user-agent2' },
      body: { capacity: 7 },
    });
    await request('GET', '/organisations', { as: 'agent' });
    await request('POST', '/organisations', {
      as: 'admin',
      body: { id: 'contract-org', name: 'Contract Ltd' },
    });
    await request('PATCH', '/organisations/{id}', {
      as: 'admin',
      params: { id: 'contract-org' },
      body: { domains: ['contract.example'] },
    });
    await request('PATCH', '/organisations/{id}', {
      as: 'admin',
      params: { id: 'globex' },
      body: { domains: ['contract.example'] },
    });
    await request('POST', '/auth/set-password', {
      body: { token: 'not-a-token-of-any-invitation', password: 'long enough password' },
    });
    await request('POST', '/auth/invitation', { body: { token: 'not-a-token-of-any-invitation' } });

    await request('GET', '/categories', { as: 'client' });
    const categories = await request('GET', '/categories', { as: 'admin' });
    await request('PUT', '/categories', { as: 'admin', body: { categories: categories.body.categories } });
    await request('PUT', '/categories', { as: 'agent', body: { categories: categories.body.categories } });
    await request('GET', '/ticket-fields', { as: 'client' });
    await request('PUT', '/ticket-fields', { as: 'admin', body: { fields: [] } });
    await request('PUT', '/ticket-fields', { as: 'admin', body: { fields: [{ id: 'x', type: 'colour' }] } });
    await request('PUT', '/ticket-fields', { as: 'agent', body: { fields: [] } });
    await request('GET', '/statuses', { as: 'client' });
    await request('PUT', '/statuses', { as: 'admin', body: { labels: { on_hold: { en: 'Paused' } } } });
    await request('PUT', '/statuses', { as: 'admin', body: { labels: { waiting: { en: 'Waiting' } } } });
    await request('PUT', '/statuses', { as: 'agent', body: { labels: {} } });
    await request('GET', '/automation/rules', { as: 'lead' });
    await request('PUT', '/automation/rules', { as: 'admin', body: { rules: [] } });
    await request('PUT', '/automation/rules', { as: 'admin', body: { rules: [{ name: '' }] } });
    await request('POST', '/automation/rules/test', {
      as: 'admin',
      body: { ticket: { subject: 'Printer' } },
    });
    await request('GET', '/sla-calendars', { as: 'lead' });
    await request('PUT', '/sla-calendars/{id}', {
      as: 'admin',
      params: { id: 'contract-office' },
      body: { name: 'Office', timeZone: 'Europe/Tallinn', weeklyHours: null, holidays: [] },
    });
    await request('GET', '/sla-calendars/{id}', { as: 'lead', params: { id: 'contract-office' } });
    await request('GET', '/sla-calendars/{id}', { as: 'lead', params: { id: 'no-such-calendar' } });
    const policies = await request('GET', '/sla-policies', { as: 'admin' });
    await request('POST', '/sla-policies/preview', {
      as: 'admin',
      body: { policies: policies.body.policies },
    });
    await request('POST', '/sla-policies/preview', {
      as: 'agent',
      body: { policies: policies.body.policies },
    });
    await request('GET', '/sla-policies/history', { as: 'lead' });
  });

  it('reports, the knowledge base and the inbound-mail desk', async () => {
    const range = 'from=2026-01-01&to=2026-03-31&timeZone=UTC';
    await request('GET', '/reports/overview', { as: 'lead', query: range });
    await request('GET', '/reports/overview', { as: 'lead', query: 'from=2026-01-01&to=2028-01-01' });
    await request('GET', '/reports/overview', { as: 'client', query: range });
    await request('GET', '/reports/agents', { as: 'lead', query: range });
    await request('GET', '/reports/csat', { as: 'admin', query: range });
    await request('GET', '/reports/trends', { as: 'lead' });
    await request('GET', '/reports/export.csv', { as: 'lead', query: `${range}&report=overview` });

    const article = await request('POST', '/kb/articles', {
      as: 'lead',
      body: {
        title: 'Reset the VPN client',
        body: 'Open **Settings** and choose *Reset*.',
        language: 'en',
        category: 'network',
        tags: ['vpn'],
        visibility: 'public',
        status: 'published',
      },
    });
    await request('POST', '/kb/articles', { as: 'lead', body: { title: '' } });
    const id = article.body.id as string;
    await request('GET', '/kb/articles');
    await request('GET', '/kb/articles/{id}', { params: { id } });
    await request('GET', '/kb/articles/{id}', { params: { id: '01JD0000000000000000000000' } });
    await request('GET', '/kb/articles/{id}/versions', { as: 'agent', params: { id } });
    const patched = await request('PATCH', '/kb/articles/{id}', {
      as: 'lead',
      params: { id },
      body: { tags: ['vpn', 'network'] },
      headers: { 'if-match': article.headers.get('etag') ?? '' },
    });
    await request('PATCH', '/kb/articles/{id}', {
      as: 'lead',
      params: { id },
      body: { tags: ['stale'] },
      headers: { 'if-match': article.headers.get('etag') ?? '' },
    });
    await request('GET', '/kb/search', { query: 'q=vpn&lang=en' });
    await request('GET', '/kb/search', { query: 'q=' });
    await request('POST', '/kb/preview', { as: 'agent', body: { body: '# Hi <script>x</script>' } });
    await request('POST', '/kb/preview', { as: 'agent', body: { text: 'wrong field' } });
    await request('POST', '/kb/preview', { as: 'client', body: { body: 'x' } });
    const deflection = { articleId: id, sessionKey: 'openapi-deflection-0001' };
    await request('POST', '/kb/deflections', { as: 'client', body: deflection });
    await request('POST', '/kb/deflections', { as: 'client', body: deflection });
    await request('POST', '/kb/deflections', { as: 'agent', body: deflection });
    await request('POST', '/kb/deflections', { as: 'client', body: { articleId: id } });
    await request('DELETE', '/kb/articles/{id}', {
      as: 'lead',
      params: { id },
      headers: { 'if-match': patched.headers.get('etag') ?? '' },
    });

    await request('GET', '/inbound-mail/dead-letters', { as: 'admin' });
    await request('GET', '/inbound-mail/dead-letters', { as: 'agent' });
    await request('POST', '/inbound-mail/dead-letters/{id}/retry', {
      as: 'admin',
      params: { id: 'no-such-mail' },
    });
    await request('GET', '/inbound-mail/settings', { as: 'admin' });
    await request('PUT', '/inbound-mail/settings', { as: 'admin', body: { unknownSenders: 'triage' } });
    await request('PUT', '/inbound-mail/settings', { as: 'admin', body: { unknownSenders: 'maybe' } });
  });

  it('mail templates: list, save, stale save, unknown placeholder, preview, reset', async () => {
    const params = { kind: 'agentReply', language: 'pl' };
    await request('GET', '/mail-templates', { as: 'lead' });
    await request('GET', '/mail-templates', { as: 'agent' });
    const text = { subject: 'Odpowiedź: {{ticketSubject}}', body: '{{agentName}} napisał(a):\n\n{{body}}' };
    await request('PUT', '/mail-templates/{kind}/{language}', { as: 'admin', params, body: text });
    await request('PUT', '/mail-templates/{kind}/{language}', {
      as: 'admin',
      params,
      body: text,
      headers: { 'if-match': '"0"' },
    });
    await request('PUT', '/mail-templates/{kind}/{language}', {
      as: 'admin',
      params,
      body: { subject: 'x', body: '{{nope}}' },
    });
    await request('POST', '/mail-templates/{kind}/{language}/preview', { as: 'admin', params, body: {} });
    await request('POST', '/mail-templates/{kind}/{language}/preview', {
      as: 'admin',
      params: { kind: 'nothing', language: 'pl' },
      body: {},
    });
    // Reset to the built-in text: a stale version, the reset, an unknown kind.
    await request('DELETE', '/mail-templates/{kind}/{language}', {
      as: 'admin',
      params,
      headers: { 'if-match': '"0"' },
    });
    await request('DELETE', '/mail-templates/{kind}/{language}', { as: 'admin', params });
    await request('DELETE', '/mail-templates/{kind}/{language}', {
      as: 'admin',
      params: { kind: 'nothing', language: 'pl' },
    });
  });

  it('deleting a ticket: refused, stale, deleted, again, missing', async () => {
    const created = await request('POST', '/tickets', {
      as: 'client',
      body: { subject: 'Spam', description: 'Cheap watches' },
    });
    const params = { id: created.body.id as string };
    await request('DELETE', '/tickets/{id}', { as: 'agent', params });
    await request('DELETE', '/tickets/{id}', { as: 'otherClient', params });
    await request('DELETE', '/tickets/{id}', { as: 'admin', params, headers: { 'if-match': '"99"' } });
    const deleted = await request('DELETE', '/tickets/{id}', { as: 'lead', params });
    expect(deleted.status).toBe(202);
    await request('DELETE', '/tickets/{id}', { as: 'admin', params });
    await request('DELETE', '/tickets/{id}', { as: 'admin', params: { id: '01JD0000000000000000000000' } });
  });

  it('covered every route of the table', () => {
    expect([...covered].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });
});
