import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsDocumentChangeEntity } from '#platform/table/settings-document.js';
import { TICKET_FIELDS_DOCUMENT } from '#tickets/ticket-fields.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Custom ticket fields over HTTP on the local runtime: definitions, values on create and PATCH, the list filter. */
let rt: TestRuntime;
let admin = '';
let agent = '';
let client = '';

const label = (en: string) => ({ en, de: en, pl: en, et: en });
const definitions = [
  {
    id: 'contract',
    label: label('Contract'),
    type: 'select',
    options: ['gold', 'silver'],
    requiredFor: ['emergency'],
  },
  { id: 'seats', label: label('Seats'), type: 'number', clientEditable: true },
  { id: 'due', label: label('Wanted by'), type: 'date' },
  { id: 'asset', label: label('Asset tag'), type: 'text' },
];

const create = (token: string, body: Record<string, unknown>) =>
  call(`${rt.api}/tickets`, {
    method: 'POST',
    token,
    body: { subject: 'Fields', description: 'Custom fields', ...body },
  });

const pathsOf = (response: { body: { errors?: { path: string }[] } }) =>
  (response.body.errors ?? []).map((error) => error.path);

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  admin = await rt.token('admin@helpdesk.example');
  agent = await rt.token('agent@helpdesk.example');
  client = await rt.token('client@acme.example');
  const saved = await call(`${rt.api}/ticket-fields`, {
    method: 'PUT',
    token: admin,
    headers: { 'if-match': '"0"' },
    body: { fields: definitions },
  });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  await rt?.stop();
});

describe('ticket field definitions', () => {
  it('are read by everyone who files tickets, with their version as ETag', async () => {
    const listed = await call(`${rt.api}/ticket-fields`, { token: client });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('"1"');
    expect(listed.body.fields.map((f: { id: string }) => f.id)).toEqual([
      'contract',
      'seats',
      'due',
      'asset',
    ]);
    // The admin's save is audited: who, and the definitions before and after.
    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: settingsDocumentChangeEntity.key(TICKET_FIELDS_DOCUMENT, 1),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ version: 1, actor: { id: 'user-admin', role: 'admin' } });
    expect(Item?.before.fields ?? []).toEqual([]);
    expect(Item?.after.fields.map((f: { id: string }) => f.id)).toEqual([
      'contract',
      'seats',
      'due',
      'asset',
    ]);
  });

  it('refuse a select without options, a duplicate id and a stale If-Match, naming the field', async () => {
    const bad = await call(`${rt.api}/ticket-fields`, {
      method: 'PUT',
      token: admin,
      body: {
        fields: [{ id: 'tier', label: label('Tier'), type: 'select' }, definitions[1], definitions[1]],
      },
    });
    expect(bad.status).toBe(400);
    expect(pathsOf(bad)).toEqual(['fields.0.options', 'fields.2.id']);
    const stale = await call(`${rt.api}/ticket-fields`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { fields: [] },
    });
    expect(stale.status).toBe(412);
    const byAgent = await call(`${rt.api}/ticket-fields`, {
      method: 'PUT',
      token: agent,
      body: { fields: [] },
    });
    expect(byAgent.status).toBe(403);
  });
});

describe('field values on tickets', () => {
  it('are validated on create: unknown field, wrong type, missing required, each a 400 naming it', async () => {
    const unknown = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      fields: { colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(pathsOf(unknown)).toEqual(['fields.colour']);

    const wrong = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      fields: { seats: 'twenty', due: '2026-13-40', contract: 'bronze' },
    });
    expect(wrong.status).toBe(400);
    expect(pathsOf(wrong).sort()).toEqual(['fields.contract', 'fields.due', 'fields.seats']);

    const missing = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      category: 'emergency',
    });
    expect(missing.status).toBe(400);
    expect(pathsOf(missing)).toEqual(['fields.contract']);
  });

  it('are stored and shown, changed by PATCH with a history entry, and null removes one', async () => {
    const created = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      category: 'emergency',
      fields: { contract: 'gold', seats: 20, due: '2026-12-24', asset: ' PC-042 ' },
    });
    expect(created.status).toBe(201);
    expect(created.body.fields).toEqual({ contract: 'gold', seats: 20, due: '2026-12-24', asset: 'PC-042' });

    const patched = await call(`${rt.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { fields: { seats: 25, asset: null } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.fields).toEqual({ contract: 'gold', seats: 25, due: '2026-12-24' });

    const removeRequired = await call(`${rt.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { fields: { contract: null } },
    });
    expect(removeRequired.status).toBe(400);
    expect(pathsOf(removeRequired)).toEqual(['fields.contract']);

    const history = await call(`${rt.api}/tickets/${created.body.id}/events`, { token: agent });
    const change = history.body.items
      .flatMap((event: { changes: { field: string }[] }) => event.changes)
      .find((c: { field: string }) => c.field === 'fields');
    expect(change).toEqual({
      field: 'fields',
      from: { contract: 'gold', seats: 20, due: '2026-12-24', asset: 'PC-042' },
      to: { contract: 'gold', seats: 25, due: '2026-12-24' },
    });
  });

  it('lets clients set only the fields the admin opened to them', async () => {
    const refused = await create(client, { fields: { contract: 'gold' } });
    expect(refused.status).toBe(403);
    expect(pathsOf(refused)).toEqual(['fields.contract']);

    const allowed = await create(client, { fields: { seats: 3 } });
    expect(allowed.status).toBe(201);
    expect(allowed.body.fields).toEqual({ seats: 3 });

    // `contract` is required for emergencies but not the client's to fill: their emergency is
    // taken without it, and the help desk's next change of the fields must supply it.
    const urgent = await create(client, { category: 'emergency' });
    expect(urgent.status).toBe(201);
    expect(urgent.body.fields ?? {}).toEqual({});
    const untouched = await call(`${rt.api}/tickets/${urgent.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { fields: { asset: 'PC-7' } },
    });
    expect(untouched.status).toBe(400);
    expect(pathsOf(untouched)).toEqual(['fields.contract']);
  });

  it('filters the ticket list by a field value within the list query', async () => {
    const gold = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      subject: 'Gold filter',
      fields: { contract: 'gold', seats: 7 },
    });
    const silver = await create(agent, {
      orgId: 'acme',
      requester: { email: 'client@acme.example' },
      subject: 'Silver filter',
      fields: { contract: 'silver', seats: 7 },
    });
    const ids = async (query: string) =>
      (await call(`${rt.api}/tickets?${query}&limit=100`, { token: agent })).body.items.map(
        (ticket: { id: string }) => ticket.id,
      );

    const golds = await ids('field=contract:gold');
    expect(golds).toContain(gold.body.id);
    expect(golds).not.toContain(silver.body.id);
    const sevens = await ids('field=seats:7');
    expect(sevens).toEqual(expect.arrayContaining([gold.body.id, silver.body.id]));
    const bad = await call(`${rt.api}/tickets?field=contract`, { token: agent });
    expect(bad.status).toBe(400);
    expect(pathsOf(bad)).toEqual(['field']);
  });
});
