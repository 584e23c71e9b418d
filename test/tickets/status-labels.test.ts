import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsDocumentChangeEntity } from '#platform/table/settings-document.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Status labels over HTTP on the local runtime: labels only, per language; validation, If-Match, the audit. */
let rt: TestRuntime;
let admin: string;
let client: string;

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  admin = await rt.token('admin@helpdesk.example');
  client = await rt.token('client@acme.example');
});

afterAll(async () => {
  await rt?.stop();
});

describe('status labels', () => {
  it('lists every status of the state machine, without labels until an admin gives some', async () => {
    const listed = await call(`${rt.api}/statuses`, { token: client });

    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('"0"');
    expect(listed.body.statuses.map((s: { id: string }) => s.id)).toEqual([
      'new',
      'open',
      'answered',
      'pending',
      'on_hold',
      'postponed',
      'resolved',
      'closed',
      'merged',
    ]);
    expect(listed.body.statuses.every((s: { labels: object }) => Object.keys(s.labels).length === 0)).toBe(
      true,
    );
  });

  it('refuses an unknown status or an empty label, naming the field, and saves nothing', async () => {
    const unknown = await call(`${rt.api}/statuses`, {
      method: 'PUT',
      token: admin,
      body: { labels: { waiting: { en: 'Waiting' } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['labels.waiting']);

    const empty = await call(`${rt.api}/statuses`, {
      method: 'PUT',
      token: admin,
      body: { labels: { open: { en: 'Open', de: ' ' } } },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['labels.open.de']);

    const agent = await call(`${rt.api}/statuses`, {
      method: 'PUT',
      token: await rt.token('agent@helpdesk.example'),
      body: { labels: {} },
    });
    expect(agent.status).toBe(403);
    expect((await call(`${rt.api}/statuses`, { token: admin })).headers.get('etag')).toBe('"0"');
  });

  it('renames with If-Match, refuses a stale version, and audits who changed what', async () => {
    const labels = { pending: { en: 'Waiting', de: 'Wartend' }, on_hold: { en: 'Paused' } };
    const saved = await call(`${rt.api}/statuses`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { labels },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');

    const stale = await call(`${rt.api}/statuses`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { labels: {} },
    });
    expect(stale.status).toBe(412);

    const listed = await call(`${rt.api}/statuses`, { token: client });
    const byId = Object.fromEntries(
      listed.body.statuses.map((s: { id: string; labels: object }) => [s.id, s.labels]),
    );
    expect(byId).toMatchObject({
      pending: { en: 'Waiting', de: 'Wartend' },
      on_hold: { en: 'Paused' },
      open: {},
    });

    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: settingsDocumentChangeEntity.key('status-labels', 1),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({
      version: 1,
      actor: { role: 'admin' },
      before: { labels: {} },
      after: { labels },
    });
  });
});
