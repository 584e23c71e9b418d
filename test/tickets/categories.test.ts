import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsDocumentChangeEntity } from '#platform/table/settings-document.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Categories over HTTP on the local runtime: the seeded five, validation, If-Match, the audit. */
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

describe('categories', () => {
  it('offers the seeded five, named in all four languages, to everyone who files tickets', async () => {
    const listed = await call(`${rt.api}/categories`, { token: client });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('"0"');
    expect(listed.body.categories.map((c: { names: { en: string } }) => c.names.en)).toEqual([
      'Emergency',
      'Alerting',
      'Question',
      'Incident',
      'Service request',
    ]);
    expect(listed.body.categories[0].names).toEqual({
      en: 'Emergency',
      de: 'Notfall',
      pl: 'Awaria krytyczna',
      et: 'Hädaolukord',
    });
  });

  it('refuses a category without a name in every language, naming the field, and saves nothing', async () => {
    const refused = await call(`${rt.api}/categories`, {
      method: 'PUT',
      token: admin,
      body: { categories: [{ id: 'billing', names: { en: 'Billing', pl: 'Rozliczenia', et: 'Arveldus' } }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['categories.0.names.de']);
    expect((await call(`${rt.api}/categories`, { token: admin })).headers.get('etag')).toBe('"0"');
  });

  it('saves with If-Match, refuses a stale version, and audits who changed what', async () => {
    const current = await call(`${rt.api}/categories`, { token: admin });
    const billing = {
      id: 'billing',
      names: { en: 'Billing', de: 'Abrechnung', pl: 'Rozliczenia', et: 'Arveldus' },
    };
    const saved = await call(`${rt.api}/categories`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: { categories: [...current.body.categories, billing] },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    const stale = await call(`${rt.api}/categories`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { categories: [billing] },
    });
    expect(stale.status).toBe(412);
    const listed = await call(`${rt.api}/categories`, { token: client });
    expect(listed.body.categories.at(-1)).toEqual({ ...billing, active: true });

    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: settingsDocumentChangeEntity.key('categories', 1),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ version: 1, actor: { role: 'admin' } });
    expect(Item?.before.categories).toHaveLength(5);
    expect(Item?.after.categories).toHaveLength(6);
  });
});
