import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Canned responses over HTTP (docs/desk.md): who sees and writes which, and rendering for a ticket. */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  agent: 'agent@helpdesk.example',
  agent2: 'agent2@helpdesk.example',
  lead: 'lead@helpdesk.example',
  admin: 'admin@helpdesk.example',
};

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
});
afterAll(() => rt.stop());

const api = (
  path: string,
  as: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) => call(`${rt.api}${path}`, { token: tokens[as] ?? '', ...init });

const create = async (as: string, body: Record<string, unknown>) => {
  const created = await api('/canned-responses', as, { method: 'POST', body });
  return created;
};

const titlesFor = async (as: string): Promise<string[]> => {
  const listed = await api('/canned-responses', as);
  expect(listed.status).toBe(200);
  return listed.body.items.map((item: { title: string }) => item.title);
};

describe('canned responses: shared ones by leads and admins, personal ones by their agent', () => {
  it('keeps an agent’s personal response to that agent alone', async () => {
    const created = await create('agent', {
      title: 'Agnes: restart tip',
      body: 'Please restart the router.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Agnes: restart tip',
      language: 'en',
      shared: false,
      owner: { name: 'Agnes Agent' },
      version: 1,
    });
    expect(created.headers.get('location')).toBe(`/api/v1/canned-responses/${created.body.id}`);
    const path = `/canned-responses/${created.body.id}`;

    expect(await titlesFor('agent')).toContain('Agnes: restart tip');
    for (const other of ['agent2', 'lead', 'admin']) {
      expect(await titlesFor(other), other).not.toContain('Agnes: restart tip');
      expect((await api(path, other)).status, other).toBe(404);
      expect((await api(path, other, { method: 'PATCH', body: { title: 'Mine now' } })).status, other).toBe(
        404,
      );
      expect((await api(path, other, { method: 'DELETE' })).status, other).toBe(404);
    }
    expect((await api(path, 'agent')).body.title).toBe('Agnes: restart tip');

    const renamed = await api(path, 'agent', {
      method: 'PATCH',
      body: { title: 'Agnes: router tip', language: 'de' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Agnes: router tip', language: 'de', version: 2 });
    expect(renamed.headers.get('etag')).toBe('"2"');

    expect((await api(path, 'agent', { method: 'DELETE' })).status).toBe(204);
    expect((await api(path, 'agent')).status).toBe(404);
    expect(await titlesFor('agent')).not.toContain('Agnes: router tip');
  });

  it('lets leads and admins write shared responses, offered to all staff, and refuses agents', async () => {
    const refused = await create('agent', { title: 'Agent shared', body: 'x', shared: true });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await titlesFor('lead')).not.toContain('Agent shared');

    const shared = await create('lead', {
      title: 'Welcome',
      body: 'Welcome to the help desk.',
      shared: true,
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shared: true, owner: { name: 'Liis Lead' } });
    const path = `/canned-responses/${shared.body.id}`;
    for (const staff of ['agent', 'agent2', 'lead', 'admin']) {
      expect(await titlesFor(staff), staff).toContain('Welcome');
      expect((await api(path, staff)).status, staff).toBe(200);
    }

    expect(
      (await api(path, 'agent', { method: 'PATCH', body: { body: 'Changed by an agent' } })).status,
    ).toBe(403);
    expect((await api(path, 'agent', { method: 'DELETE' })).status).toBe(403);
    expect((await api(path, 'agent')).body.body).toBe('Welcome to the help desk.');

    const edited = await api(path, 'admin', { method: 'PATCH', body: { body: 'Welcome aboard.' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Welcome aboard.', version: 2, owner: { name: 'Liis Lead' } });
    expect((await api(path, 'lead', { method: 'DELETE' })).status).toBe(204);
    expect(await titlesFor('agent')).not.toContain('Welcome');
  });

  it('keeps a lead’s and an admin’s personal responses to themselves as well', async () => {
    for (const owner of ['lead', 'admin']) {
      const created = await create(owner, { title: `Personal of the ${owner}`, body: 'Mine' });
      expect(created.status).toBe(201);
      expect(created.body.shared).toBe(false);
      for (const other of ['agent', 'lead', 'admin'].filter((who) => who !== owner)) {
        expect(await titlesFor(other), other).not.toContain(`Personal of the ${owner}`);
        expect((await api(`/canned-responses/${created.body.id}`, other)).status, other).toBe(404);
      }
      expect(await titlesFor(owner)).toContain(`Personal of the ${owner}`);
    }
  });

  it('lists shared responses before personal ones', async () => {
    await create('agent2', { title: 'A personal first by title', body: 'p' });
    await create('admin', { title: 'Z shared last by title', body: 's', shared: true });
    const titles = await titlesFor('agent2');
    expect(titles.indexOf('Z shared last by title')).toBeLessThan(
      titles.indexOf('A personal first by title'),
    );
  });

  it('refuses a stale If-Match, a move between shared and personal, and bad fields, writing nothing', async () => {
    const created = await create('agent', { title: 'Versioned', body: 'v1' });
    const path = `/canned-responses/${created.body.id}`;
    expect((await api(path, 'agent', { method: 'PATCH', body: { body: 'v2' } })).status).toBe(200);
    const stale = await api(path, 'agent', {
      method: 'PATCH',
      body: { body: 'v3' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const moved = await api(path, 'agent', { method: 'PATCH', body: { shared: true } });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([expect.objectContaining({ path: 'shared' })]);
    expect((await api(path, 'agent')).body).toMatchObject({ body: 'v2', shared: false, version: 2 });

    const empty = await create('agent', { title: ' ', body: 'x' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'title' })]);
    const language = await create('agent', { title: 'Lang', body: 'x', language: 'fr' });
    expect(language.status).toBe(400);
    expect(language.body.errors).toEqual([expect.objectContaining({ path: 'language' })]);
    expect(await titlesFor('agent')).not.toContain('Lang');
  });
});

describe('rendering a canned response for a ticket', () => {
  let ticket: { id: string; reference: string; subject: string };
  beforeAll(async () => {
    const created = await api('/tickets', 'client', {
      method: 'POST',
      body: { subject: 'Printer on fire', description: 'It smokes.' },
    });
    expect(created.status).toBe(201);
    ticket = created.body;
  });

  const render = (id: string, as = 'agent', ticketId = ticket.id) =>
    api(`/canned-responses/${id}/render?ticketId=${ticketId}`, as);

  it.each([
    ['{{requester.name}}', 'Alice Acme'],
    ['{{ticket.reference}}', () => ticket.reference],
    ['{{ticket.subject}}', 'Printer on fire'],
    ['{{agent.name}}', 'Agnes Agent'],
    ['{{ agent.name }}', 'Agnes Agent'],
  ])('fills %s', async (placeholder, expected) => {
    const created = await create('agent', { title: `Render ${placeholder}`, body: `Value: ${placeholder}.` });
    const rendered = await render(created.body.id);
    expect(rendered.status).toBe(200);
    expect(rendered.body).toEqual({
      body: `Value: ${typeof expected === 'function' ? expected() : expected}.`,
    });
  });

  it('fills them all at once, with the name of the agent who renders a shared response', async () => {
    const shared = await create('lead', {
      title: 'Render all',
      body: 'Hello {{requester.name}},\nabout {{ticket.reference}} ({{ticket.subject}}).\n{{agent.name}}',
      shared: true,
    });
    const rendered = await render(shared.body.id, 'agent2');
    expect(rendered.body.body).toBe(
      `Hello Alice Acme,\nabout ${ticket.reference} (Printer on fire).\nPiotr Agent`,
    );
  });

  it('answers 400 naming an unknown placeholder', async () => {
    const created = await create('agent', {
      title: 'Unknown placeholder',
      body: 'Dear {{requester.name}}, your mail is {{requester.email}} and {{foo}}.',
    });
    const rendered = await render(created.body.id);
    expect(rendered.status).toBe(400);
    expect(rendered.headers.get('content-type')).toBe('application/problem+json');
    expect(rendered.body.detail).toContain('{{requester.email}}');
    expect(rendered.body.detail).toContain('{{foo}}');
    expect(rendered.body.errors).toEqual([
      expect.objectContaining({ path: 'body', message: expect.stringContaining('{{requester.email}}') }),
    ]);
  });

  it('answers 404 for an unknown ticket or another agent’s response, and 400 without a ticket', async () => {
    const created = await create('agent', { title: 'Render 404', body: 'Hi {{requester.name}}' });
    expect((await render(created.body.id, 'agent', '01J00000000000000000000000')).status).toBe(404);
    expect((await render(created.body.id, 'agent2')).status).toBe(404);
    const missing = await api(`/canned-responses/${created.body.id}/render`, 'agent');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'ticketId' })]);
  });
});
