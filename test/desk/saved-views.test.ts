import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Saved views over HTTP (docs/desk.md): personal ones by their owner, shared ones by leads and admins. */

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

const namesFor = async (as: string): Promise<string[]> => {
  const listed = await api('/views', as);
  expect(listed.status).toBe(200);
  return listed.body.items.map((item: { name: string }) => item.name);
};

describe('saved views', () => {
  it('keeps a personal view, with its filters and sort, to its owner alone', async () => {
    const created = await api('/views', 'agent', {
      method: 'POST',
      body: {
        name: 'My urgent',
        filters: { assignee: 'me', priority: 'urgent', status: 'active' },
        sort: '-updatedAt',
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/v1/views/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'My urgent',
      filters: { assignee: 'me', priority: 'urgent', status: 'active' },
      sort: '-updatedAt',
      shared: false,
      owner: { name: 'Agnes Agent' },
      version: 1,
    });
    expect(await namesFor('agent')).toContain('My urgent');
    expect(await namesFor('agent2')).not.toContain('My urgent');
    expect(await namesFor('lead')).not.toContain('My urgent');
    // Somebody else's view does not exist for them, even for an admin.
    const id = created.body.id as string;
    expect(
      (await api(`/views/${id}`, 'agent2', { method: 'PATCH', body: { name: 'Mine now' } })).status,
    ).toBe(404);
    expect((await api(`/views/${id}`, 'admin', { method: 'DELETE' })).status).toBe(404);
    expect((await api('/views', 'client')).status).toBe(403);
  });

  it('lets leads and admins share views with all staff, listed first, and refuses agents', async () => {
    const refused = await api('/views', 'agent', {
      method: 'POST',
      body: { name: 'Team view', shared: true },
    });
    expect(refused.status).toBe(403);
    expect(await namesFor('agent')).not.toContain('Team view');
    const shared = await api('/views', 'lead', {
      method: 'POST',
      body: { name: 'Unassigned billing', filters: { queue: 'billing', assignee: 'none' }, shared: true },
    });
    expect(shared.status).toBe(201);
    expect(shared.body.sort).toBeNull();
    const agentSees = await api('/views', 'agent');
    expect(agentSees.body.items[0]).toMatchObject({ name: 'Unassigned billing', shared: true });
    const id = shared.body.id as string;
    expect((await api(`/views/${id}`, 'agent', { method: 'PATCH', body: { name: 'x' } })).status).toBe(403);
    expect((await api(`/views/${id}`, 'agent', { method: 'DELETE' })).status).toBe(403);
    const renamed = await api(`/views/${id}`, 'admin', {
      method: 'PATCH',
      body: { name: 'Billing, nobody on it' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Billing, nobody on it',
      version: 2,
      owner: { name: shared.body.owner.name },
    });
    expect(await namesFor('agent2')).toContain('Billing, nobody on it');
  });

  it('refuses a stale If-Match, a move between shared and personal, and bad fields, changing nothing', async () => {
    const created = await api('/views', 'agent2', {
      method: 'POST',
      body: { name: 'Pending', filters: { status: 'pending' } },
    });
    const id = created.body.id as string;
    const changed = await api(`/views/${id}`, 'agent2', {
      method: 'PATCH',
      body: { sort: 'priority' },
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    const stale = await api(`/views/${id}`, 'agent2', {
      method: 'PATCH',
      body: { name: 'Lost update' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(
      (await api(`/views/${id}`, 'agent2', { method: 'DELETE', headers: { 'if-match': '"1"' } })).status,
    ).toBe(412);
    const moved = await api(`/views/${id}`, 'agent2', { method: 'PATCH', body: { shared: true } });
    expect(moved.status).toBe(400);
    expect(moved.body.errors.map((error: { path: string }) => error.path)).toContain('shared');
    const bad = await api('/views', 'agent2', {
      method: 'POST',
      body: { name: '', filters: { status: 'sleeping', colour: 'red' }, sort: 'random' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'filters.status', 'sort']));
    expect(await namesFor('agent2')).toEqual(expect.arrayContaining(['Pending']));
    expect(
      (await api('/views', 'agent2')).body.items.find((view: { id: string }) => view.id === id),
    ).toMatchObject({
      name: 'Pending',
      sort: 'priority',
      version: 2,
    });
    const gone = await api(`/views/${id}`, 'agent2', { method: 'DELETE', headers: { 'if-match': '"2"' } });
    expect(gone.status).toBe(204);
    expect(await namesFor('agent2')).not.toContain('Pending');
  });

  it('keeps a custom-field filter, refuses a malformed one, and opening the view lists only the matching tickets', async () => {
    const label = (en: string) => ({ en, de: en, pl: en, et: en });
    const defined = await api('/ticket-fields', 'admin', {
      method: 'PUT',
      headers: { 'if-match': '"0"' },
      body: {
        fields: [{ id: 'impact', label: label('Impact'), type: 'select', options: ['Site down', 'Slow'] }],
      },
    });
    expect(defined.status).toBe(200);
    const file = (subject: string, impact: string) =>
      api('/tickets', 'agent', {
        method: 'POST',
        body: {
          subject,
          description: 'A ticket for the field view',
          orgId: 'acme',
          requester: { email: 'client@acme.example' },
          fields: { impact },
        },
      });
    const down = await file('Shop is down', 'Site down');
    const slow = await file('Shop is slow', 'Slow');
    expect([down.status, slow.status]).toEqual([201, 201]);

    const malformed = await api('/views', 'agent', {
      method: 'POST',
      body: { name: 'No value', filters: { field: 'impact' } },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    expect(malformed.body.errors.map((error: { path: string }) => error.path)).toEqual(['filters.field']);
    expect(await namesFor('agent')).not.toContain('No value');

    const created = await api('/views', 'agent', {
      method: 'POST',
      body: { name: 'Sites down', filters: { field: 'impact:Site down' }, sort: '-createdAt' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const badPatch = await api(`/views/${id}`, 'agent', {
      method: 'PATCH',
      body: { filters: { field: ':Slow' } },
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors.map((error: { path: string }) => error.path)).toEqual(['filters.field']);

    const read = (await api('/views', 'agent')).body.items.find((view: { id: string }) => view.id === id);
    expect(read).toMatchObject({ filters: { field: 'impact:Site down' }, sort: '-createdAt', version: 1 });
    // Opening the view: the ticket list with the filters and the order it keeps.
    const query = new URLSearchParams({ ...read.filters, sort: read.sort, limit: '100' });
    const opened = await api(`/tickets?${query}`, 'agent');
    expect(opened.status).toBe(200);
    expect(opened.body.items.map((ticket: { subject: string }) => ticket.subject)).toEqual(['Shop is down']);
  });
});
