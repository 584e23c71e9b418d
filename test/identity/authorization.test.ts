import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.js';
import { defaultPolicies } from '#sla/policy.js';
import { defaultCategories } from '#tickets/categories.js';
import { pngBytes, upload } from '../attachments/fixtures.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Every route × every kind of caller, with the status each must get. A client of another
 * organisation always gets 404 on the ticket's routes: the answer never reveals it exists.
 */
const personas = [
  'anonymous',
  'client',
  'otherClient',
  'agent',
  'lead',
  'admin',
  'readIntegration',
  'writeIntegration',
  // An agent whose token worked, then deactivated by an admin: every route answers as to nobody.
  'deactivated',
] as const;
type Persona = (typeof personas)[number];
type Expected = Record<Persona, number>;

const row = (
  anonymous: number,
  client: number,
  otherClient: number,
  staff: number,
  readIntegration: number,
  writeIntegration: number,
): Expected => ({
  anonymous,
  client,
  otherClient,
  agent: staff,
  lead: staff,
  admin: staff,
  readIntegration,
  writeIntegration,
  deactivated: anonymous,
});

const matrix: Record<string, Expected> = {
  // Public for everyone; 503 because the test runtime runs no SLA scheduler (tests fire timers).
  'GET /health': row(503, 503, 503, 503, 503, 503),
  'GET /openapi.json': row(200, 200, 200, 200, 200, 200),
  'POST /auth/login': row(200, 200, 200, 200, 200, 200),
  'POST /auth/token': row(200, 200, 200, 200, 200, 200),
  'GET /me': row(401, 200, 200, 200, 200, 200),
  'POST /tickets': row(401, 201, 201, 201, 403, 201),
  'GET /tickets': row(401, 200, 200, 200, 200, 403),
  'GET /tickets/{id}': row(401, 200, 404, 200, 200, 403),
  'PATCH /tickets/{id}': row(401, 200, 404, 200, 403, 204),
  'POST /tickets/{id}/messages': row(401, 201, 404, 201, 403, 201),
  'GET /tickets/{id}/messages': row(401, 200, 404, 200, 200, 403),
  'GET /tickets/{id}/messages/{messageId}': row(401, 200, 404, 200, 200, 403),
  'GET /tickets/{id}/events': row(401, 200, 404, 200, 200, 403),
  'POST /tickets/{id}/attachments': row(401, 201, 404, 201, 403, 201),
  'GET /tickets/{id}/attachments': row(401, 200, 404, 200, 200, 403),
  'GET /tickets/{id}/attachments/{attachmentId}': row(401, 200, 404, 200, 200, 403),
  'POST /tickets/{id}/resolve': row(401, 403, 404, 200, 403, 403),
  'POST /tickets/{id}/accept': row(401, 200, 404, 403, 403, 403),
  'POST /tickets/{id}/reopen': row(401, 200, 404, 403, 403, 403),
  'POST /tickets/{id}/feedback': row(401, 201, 404, 403, 403, 403),
  'GET /queues': row(401, 403, 403, 200, 403, 403),
  'GET /users': row(401, 403, 403, 200, 403, 403),
  'GET /sla-policies': row(401, 403, 403, 200, 403, 403),
  'PUT /sla-policies': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'POST /sla-policies/preview': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /sla-policies/history': { ...row(401, 403, 403, 403, 403, 403), lead: 200, admin: 200 },
  'GET /sla-calendars': row(401, 403, 403, 200, 403, 403),
  'GET /sla-calendars/{id}': row(401, 403, 403, 200, 403, 403),
  'PUT /sla-calendars/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /categories': row(401, 200, 200, 200, 200, 200),
  'PUT /categories': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /ticket-fields': row(401, 200, 200, 200, 200, 200),
  'PUT /ticket-fields': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /statuses': row(401, 200, 200, 200, 200, 200),
  'PUT /statuses': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /automation/rules': { ...row(401, 403, 403, 403, 403, 403), lead: 200, admin: 200 },
  'PUT /automation/rules': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'POST /automation/rules/test': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /webhooks': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'POST /webhooks': { ...row(401, 403, 403, 403, 403, 403), admin: 201 },
  'GET /webhooks/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'PATCH /webhooks/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'DELETE /webhooks/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 204 },
  'GET /webhooks/{id}/deliveries': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  // Agent notifications are for staff: clients and integrations have no inbox.
  'GET /me/notifications': row(401, 403, 403, 200, 403, 403),
  'POST /me/notifications/read': row(401, 403, 403, 200, 403, 403),
  'GET /me/preferences': row(401, 403, 403, 200, 403, 403),
  'PUT /me/preferences': row(401, 403, 403, 200, 403, 403),
  // The agent's desk: staff only; a shared canned response is written by leads and admins.
  'GET /canned-responses': row(401, 403, 403, 200, 403, 403),
  'POST /canned-responses': row(401, 403, 403, 201, 403, 403),
  'GET /canned-responses/{id}': row(401, 403, 403, 200, 403, 403),
  'PATCH /canned-responses/{id}': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'DELETE /canned-responses/{id}': { ...row(401, 403, 403, 204, 403, 403), agent: 403 },
  'GET /canned-responses/{id}/render': row(401, 403, 403, 200, 403, 403),
  'POST /tickets/{id}/merge': row(401, 403, 404, 200, 403, 403),
  'PUT /tickets/{id}/presence': row(401, 403, 404, 204, 403, 403),
  'GET /tickets/{id}/presence': row(401, 403, 404, 200, 403, 403),
  // Saved views: staff only; the matrix's view is shared (a lead's): agents may not change it.
  'GET /views': row(401, 403, 403, 200, 403, 403),
  'POST /views': row(401, 403, 403, 201, 403, 403),
  'PATCH /views/{id}': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'DELETE /views/{id}': { ...row(401, 403, 403, 204, 403, 403), agent: 403 },
  // Routing and administration (docs/routing.md, docs/admin.md): staff read queues and
  // organisations; admins write them and invite; leads change the accounts of their queues'
  // members only (the lead of the matrix leads no queue: 403); set-password and the invitation
  // lookup are public (a bad token is a 400 for everyone).
  'POST /auth/set-password': row(400, 400, 400, 400, 400, 400),
  'POST /auth/invitation': row(400, 400, 400, 400, 400, 400),
  'POST /queues': { ...row(401, 403, 403, 403, 403, 403), admin: 201 },
  'GET /queues/{id}': row(401, 403, 403, 200, 403, 403),
  'PATCH /queues/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'PUT /me/availability': row(401, 403, 403, 200, 403, 403),
  'POST /users': { ...row(401, 403, 403, 403, 403, 403), admin: 201 },
  'PATCH /users/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /organisations': row(401, 403, 403, 200, 403, 403),
  'POST /organisations': { ...row(401, 403, 403, 403, 403, 403), admin: 201 },
  'PATCH /organisations/{id}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  // The knowledge base: reading and searching are public (published public articles); staff
  // write, an agent drafts only (the matrix's article is published: 403), leads and admins delete.
  'GET /kb/articles': row(200, 200, 200, 200, 200, 200),
  'POST /kb/articles': row(401, 403, 403, 201, 403, 403),
  'GET /kb/articles/{id}': row(200, 200, 200, 200, 200, 200),
  'PATCH /kb/articles/{id}': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'DELETE /kb/articles/{id}': { ...row(401, 403, 403, 204, 403, 403), agent: 403 },
  'GET /kb/articles/{id}/versions': row(401, 403, 403, 200, 403, 403),
  'GET /kb/search': row(200, 200, 200, 200, 200, 200),
  'POST /kb/preview': row(401, 403, 403, 200, 403, 403),
  'POST /kb/deflections': row(401, 200, 200, 403, 403, 403),
  // The e-mail channel's dead letters and settings: admins only.
  'GET /inbound-mail/dead-letters': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'POST /inbound-mail/dead-letters/{id}/retry': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'GET /inbound-mail/settings': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'PUT /inbound-mail/settings': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  // Reports: leads and admins; an agent only with agent=me (test/reports/reports-api.test.ts).
  'GET /reports/overview': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'GET /reports/agents': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'GET /reports/csat': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'GET /reports/trends': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'GET /reports/export.csv': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  // Mail templates (docs/mail-templates.md): leads read, admins change and preview.
  'GET /mail-templates': { ...row(401, 403, 403, 200, 403, 403), agent: 403 },
  'PUT /mail-templates/{kind}/{language}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'POST /mail-templates/{kind}/{language}/preview': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  'DELETE /mail-templates/{kind}/{language}': { ...row(401, 403, 403, 403, 403, 403), admin: 200 },
  // Deleting a ticket (docs/api.md): leads and admins; a client of another organisation never learns it exists.
  'DELETE /tickets/{id}': { ...row(401, 403, 404, 403, 403, 403), lead: 202, admin: 202 },
};

/** A fresh id per call, for the routes that create (queues, organisations, invitations). */
let created = 0;
const fresh = (what: string) => `${what}-${++created}-${Date.now().toString(36)}`;

let rt: TestRuntime;
/** An open acme ticket every merge of the matrix goes into (a merge needs one of the same organisation). */
let mergeTarget = '';
const tokens = {} as Record<Persona, string | undefined>;

beforeAll(async () => {
  rt = await startTestRuntime();
  tokens.anonymous = undefined;
  tokens.client = await rt.token('client@acme.example');
  tokens.otherClient = await rt.token('client@globex.example');
  tokens.agent = await rt.token('agent@helpdesk.example');
  tokens.lead = await rt.token('lead@helpdesk.example');
  tokens.admin = await rt.token('admin@helpdesk.example');
  tokens.readIntegration = await rt.integratorToken(['tickets.read']);
  tokens.writeIntegration = await rt.integratorToken(['tickets.write']);
  mergeTarget = await ticketFor('merge target');
  tokens.deactivated = await deactivatedAgent();
});
afterAll(() => rt.stop());

/** An agent the admin invites, whose token works, and whom the admin then deactivates. */
const deactivatedAgent = async (): Promise<string> => {
  const invited = await call(`${rt.api}/users`, {
    method: 'POST',
    token: tokens.admin,
    body: { email: `${fresh('leaver')}@helpdesk.example`, name: 'Leaver', role: 'agent' },
  });
  expect(invited.status).toBe(201);
  const token = await rt.userToken({ ...invited.body, locale: 'en', timeZone: 'UTC', orgId: null });
  expect((await call(`${rt.api}/tickets`, { token })).status).toBe(200);
  const off = await call(`${rt.api}/users/${invited.body.id}`, {
    method: 'PATCH',
    token: tokens.admin,
    body: { active: false },
  });
  expect(off.status).toBe(200);
  return token;
};

const isStaff = (persona: Persona) => persona === 'agent' || persona === 'lead' || persona === 'admin';
const isIntegration = (persona: Persona) => persona.endsWith('Integration');

/** A fresh acme ticket in the state the route needs, so each call is judged on its own. */
const ticketFor = async (key: string): Promise<string> => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: tokens.client,
    body: { subject: `matrix ${key}`, description: 'For the authorization matrix' },
  });
  const id: string = created.body.id;
  if (/accept|reopen|feedback/.test(key)) {
    const resolved = await call(`${rt.api}/tickets/${id}/resolve`, { method: 'POST', token: tokens.agent });
    expect(resolved.status).toBe(200);
  }
  return id;
};

/** A mail kept in the dead-letter list (staff mail that answers no ticket), sent through the SMTP server. */
const deadLetter = async (): Promise<string> => {
  const transport = nodemailer.createTransport({ host: rt.smtp.host, port: rt.smtp.port, ignoreTLS: true });
  await transport.sendMail({
    from: 'agent@helpdesk.example',
    to: 'support@helpdesk.example',
    subject: 'No ticket named',
    text: 'Kept for an admin',
  });
  transport.close();
  await rt.mailHandled();
  const list = await call(`${rt.api}/inbound-mail/dead-letters?limit=100`, { token: tokens.admin });
  const id: string | undefined = list.body.items.at(-1)?.id;
  if (!id) throw new Error('no dead letter');
  return id;
};

/** A client's reply on the ticket, for the routes that read one message. */
const messageOn = async (ticketId: string): Promise<string> => {
  const posted = await call(`${rt.api}/tickets/${ticketId}/messages`, {
    method: 'POST',
    token: tokens.client,
    body: { body: 'A message to read back' },
  });
  expect(posted.status).toBe(201);
  return posted.body.id;
};

/** A client's screenshot on a public message of the ticket, for the route that downloads one. */
const attachmentOn = async (ticketId: string): Promise<string> => {
  const id = await upload(rt, tokens.client ?? '', ticketId, {
    fileName: 'matrix.png',
    contentType: 'image/png',
    bytes: pngBytes,
  });
  const posted = await call(`${rt.api}/tickets/${ticketId}/messages`, {
    method: 'POST',
    token: tokens.client,
    body: { body: 'With a screenshot', attachmentIds: [id] },
  });
  expect(posted.status).toBe(201);
  return id;
};

/** Nothing listens there: the matrix only judges who may manage hooks. */
const webhookUrl = 'http://127.0.0.1:9/matrix';

/** A webhook registered by an admin: a fresh one to delete, else one shared (hooks are capped at 25). */
let sharedWebhook: Promise<string> | undefined;
const webhookFor = (key: string): Promise<string> => {
  if (key.startsWith('DELETE')) return webhook();
  sharedWebhook ??= webhook();
  return sharedWebhook;
};
const webhook = async (): Promise<string> => {
  const created = await call(`${rt.api}/webhooks`, {
    method: 'POST',
    token: tokens.admin,
    body: { url: webhookUrl, events: ['sla.breached'] },
  });
  expect(created.status).toBe(201);
  return created.body.id;
};

/** A shared canned response (a lead's): a fresh one to delete, else one shared by the routes. */
let sharedCanned: Promise<string> | undefined;
const cannedFor = (key: string): Promise<string> => {
  if (key.startsWith('DELETE')) return canned();
  sharedCanned ??= canned();
  return sharedCanned;
};
const canned = async (): Promise<string> => {
  const created = await call(`${rt.api}/canned-responses`, {
    method: 'POST',
    token: tokens.lead,
    body: { title: 'Matrix', body: 'Hello {{requester.name}}', shared: true },
  });
  expect(created.status).toBe(201);
  return created.body.id;
};

/** A shared saved view (a lead's): a fresh one to delete, else one shared by the routes. */
let sharedView: Promise<string> | undefined;
const viewFor = (key: string): Promise<string> => {
  if (key.startsWith('DELETE')) return savedView();
  sharedView ??= savedView();
  return sharedView;
};
const savedView = async (): Promise<string> => {
  const created = await call(`${rt.api}/views`, {
    method: 'POST',
    token: tokens.lead,
    body: { name: 'Matrix', filters: { status: 'new' }, shared: true },
  });
  expect(created.status).toBe(201);
  return created.body.id;
};

/** A published public article (a lead's): a fresh one to delete, else one shared by the routes. */
let sharedArticle: Promise<string> | undefined;
const articleFor = (key: string): Promise<string> => {
  if (key.startsWith('DELETE')) return kbArticle();
  sharedArticle ??= kbArticle();
  return sharedArticle;
};
const kbArticle = async (): Promise<string> => {
  const created = await call(`${rt.api}/kb/articles`, {
    method: 'POST',
    token: tokens.lead,
    body: { title: 'Matrix', body: 'Public answer', language: 'en', status: 'published' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
};

const requestFor = (key: string, persona: Persona): { body?: unknown } => {
  if (key === 'POST /auth/login') return { body: { email: 'client@acme.example', password: 'demo' } };
  if (key === 'POST /auth/token')
    return {
      body: {
        grant_type: 'client_credentials',
        client_id: 'demo-integrator',
        client_secret: rt.integratorSecret,
      },
    };
  if (key === 'POST /tickets') {
    return isStaff(persona) || isIntegration(persona)
      ? {
          body: {
            subject: 'On behalf',
            description: 'Phone call',
            requester: { email: 'client@acme.example' },
          },
        }
      : { body: { subject: 'Mine', description: 'Self service' } };
  }
  if (key === 'PATCH /tickets/{id}') {
    return {
      body:
        persona === 'client' || persona === 'otherClient' ? { subject: 'Reworded' } : { priority: 'high' },
    };
  }
  if (key === 'POST /tickets/{id}/messages') return { body: { body: 'Hello' } };
  if (key === 'POST /tickets/{id}/feedback') return { body: { rating: 4 } };
  if (key === 'POST /tickets/{id}/attachments')
    return { body: { fileName: 'log.txt', contentType: 'text/plain', size: 120 } };
  if (key === 'PUT /sla-policies' || key === 'POST /sla-policies/preview')
    return { body: { policies: defaultPolicies() } };
  if (key === 'PUT /sla-calendars/{id}')
    return { body: { name: 'Office', timeZone: 'Europe/Tallinn', weeklyHours: null, holidays: [] } };
  if (key === 'PUT /categories') return { body: { categories: defaultCategories() } };
  if (key === 'PUT /ticket-fields') return { body: { fields: [] } };
  if (key === 'PUT /statuses') return { body: { labels: { pending: { en: 'Waiting' } } } };
  if (key === 'PUT /mail-templates/{kind}/{language}')
    return { body: { subject: 'Saime kätte: {{ticketSubject}}', body: 'Tere {{recipientName}}!' } };
  if (key === 'POST /mail-templates/{kind}/{language}/preview') return { body: {} };
  if (key === 'PUT /automation/rules') return { body: { rules: [] } };
  if (key === 'POST /automation/rules/test') return { body: { ticket: { subject: 'Printer' } } };
  if (key === 'POST /webhooks') return { body: { url: webhookUrl, events: ['sla.breached'] } };
  if (key === 'PATCH /webhooks/{id}') return { body: { active: false } };
  if (key === 'POST /me/notifications/read') return { body: { all: true } };
  if (key === 'PUT /me/preferences') return { body: { mail: { mentioned: true } } };
  if (key === 'POST /canned-responses') return { body: { title: 'Mine', body: 'Personal text' } };
  if (key === 'PATCH /canned-responses/{id}') return { body: { body: 'Reworded' } };
  if (key === 'PUT /tickets/{id}/presence') return { body: { state: 'viewing' } };
  if (key === 'POST /views') return { body: { name: 'Mine', filters: { assignee: 'me' } } };
  if (key === 'PATCH /views/{id}') return { body: { sort: '-updatedAt' } };
  if (key === 'POST /tickets/{id}/merge') return { body: { into: mergeTarget } };
  if (key === 'POST /auth/set-password')
    return { body: { token: 'not-a-token-of-any-invitation', password: 'long enough password' } };
  if (key === 'POST /auth/invitation') return { body: { token: 'not-a-token-of-any-invitation' } };
  if (key === 'POST /queues') return { body: { id: fresh('q'), name: 'Matrix queue' } };
  if (key === 'PATCH /queues/{id}') return { body: { name: 'General' } };
  if (key === 'PUT /me/availability') return { body: { available: true } };
  if (key === 'POST /users')
    return { body: { email: `${fresh('invitee')}@helpdesk.example`, name: 'Invitee', role: 'agent' } };
  if (key === 'PATCH /users/{id}') return { body: { capacity: 7 } };
  if (key === 'POST /organisations') return { body: { id: fresh('org'), name: 'Matrix Ltd' } };
  if (key === 'PATCH /organisations/{id}') return { body: { name: 'Globex Inc.' } };
  if (key === 'POST /kb/articles') return { body: { title: 'Draft', body: 'Text', language: 'en' } };
  if (key === 'PATCH /kb/articles/{id}') return { body: { tags: ['matrix'] } };
  if (key === 'POST /kb/preview') return { body: { body: '# Preview' } };
  if (key === 'POST /kb/deflections')
    return {
      body: {
        articleId: '01JD0000000000000000000000',
        sessionKey: fresh('deflection').replace(/[^\w-]/g, ''),
      },
    };
  if (key === 'PUT /inbound-mail/settings') return { body: { unknownSenders: 'triage' } };
  return {};
};

describe('authorization matrix: every route for every role', () => {
  it('covers every route of the route table', () => {
    expect(Object.keys(matrix).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  const cases = Object.entries(matrix).flatMap(([key, expected]) =>
    personas.map((persona) => ({ key, persona, status: expected[persona] })),
  );

  it.each(cases)('$key as $persona → $status', async ({ key, persona, status }) => {
    const [method, template] = key.split(' ') as [string, string];
    const id = !template.includes('{id}')
      ? ''
      : key.includes('/webhooks')
        ? await webhookFor(key)
        : key.includes('/dead-letters')
          ? await deadLetter()
          : key.includes('/canned-responses')
            ? await cannedFor(key)
            : key.includes('/queues/')
              ? 'general'
              : key.includes('/users/')
                ? 'user-agent2'
                : key.includes('/organisations/')
                  ? 'globex'
                  : key.includes('/sla-calendars')
                    ? 'office-tallinn'
                    : key.includes('/kb/')
                      ? await articleFor(key)
                      : key.includes('/views/')
                        ? await viewFor(key)
                        : await ticketFor(key);
    const messageId = template.includes('{messageId}') ? await messageOn(id) : '';
    const attachmentId = template.includes('{attachmentId}') ? await attachmentOn(id) : '';
    const query = key.endsWith('/render')
      ? `?ticketId=${await ticketFor(key)}`
      : key === 'GET /kb/search'
        ? '?q=answer'
        : key.endsWith('/export.csv')
          ? '?report=overview'
          : '';
    const path = `${template
      .replace('{id}', id)
      .replace('{messageId}', messageId)
      .replace('{attachmentId}', attachmentId)
      .replace('{kind}', 'acknowledgement')
      .replace('{language}', 'et')}${query}`;
    const response = await call(`${rt.api}${path}`, {
      method,
      token: tokens[persona],
      ...requestFor(key, persona),
    });
    expect(response.status).toBe(status);
    if (status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (persona === 'deactivated' && status === 401)
      expect(response.body.detail).toBe('This account was deactivated');
  });

  it.each(['overview', 'agents', 'csat', 'trends', 'export.csv?report=agents&'])(
    'lets an agent read its own figures: GET /reports/%s agent=me',
    async (report) => {
      const separator = report.includes('?') ? '' : '?';
      const mine = await call(`${rt.api}/reports/${report}${separator}agent=me`, { token: tokens.agent });
      expect(mine.status).toBe(200);
      const other = await call(`${rt.api}/reports/${report}${separator}agent=user-agent2`, {
        token: tokens.agent,
      });
      expect(other.status).toBe(403);
    },
  );

  it('never shows internal notes to a client, in messages or in the history', async () => {
    const id = await ticketFor('notes');
    await call(`${rt.api}/tickets/${id}/messages`, {
      method: 'POST',
      token: tokens.agent,
      body: { body: 'secret plan', internal: true },
    });
    const messages = await call(`${rt.api}/tickets/${id}/messages`, { token: tokens.client });
    const events = await call(`${rt.api}/tickets/${id}/events`, { token: tokens.client });
    expect(JSON.stringify(messages.body)).not.toContain('secret plan');
    expect(events.body.items.some((e: { type: string }) => e.type === 'note.added')).toBe(false);
    const refused = await call(`${rt.api}/tickets/${id}/messages`, {
      method: 'POST',
      token: tokens.client,
      body: { body: 'x', internal: true },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses a forged or expired token with 401', async () => {
    const forged = `${tokens.agent?.slice(0, -4)}AAAA`;
    expect((await call(`${rt.api}/tickets`, { token: forged })).status).toBe(401);
  });
});
