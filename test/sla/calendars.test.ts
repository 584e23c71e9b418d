import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaCalendarChangeEntity } from '#platform/table/sla-config.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** SLA calendars over HTTP: the engine's own shape, overlapping shifts refused, If-Match, audit, used by policies. */
let rt: TestRuntime;
let admin: string;
let agent: string;

const office = {
  name: 'Office Riga',
  timeZone: 'Europe/Riga',
  weeklyHours: {
    monday: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ],
    tuesday: [{ from: '08:00', to: '17:00' }],
    wednesday: [],
    thursday: [],
    friday: [{ from: '08:00', to: '16:00' }],
    saturday: [],
    sunday: [],
  },
  holidays: ['2026-06-23', '2026-06-24'],
};

const put = (id: string, body: unknown, ifMatch?: string) =>
  call(`${rt.api}/sla-calendars/${id}`, {
    method: 'PUT',
    token: admin,
    ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    body,
  });

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  admin = await rt.token('admin@helpdesk.example');
  agent = await rt.token('agent@helpdesk.example');
});

afterAll(async () => {
  await rt?.stop();
});

describe('SLA calendars', () => {
  it('lists the built-in 24x7 and the seeded office calendar', async () => {
    const listed = await call(`${rt.api}/sla-calendars`, { token: agent });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual(['24x7', 'office-tallinn']);
  });

  it('refuses overlapping shifts, naming the field, and writes nothing', async () => {
    const overlapping = {
      ...office,
      weeklyHours: {
        ...office.weeklyHours,
        monday: [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '17:00' },
        ],
      },
    };
    const refused = await put('office-riga', overlapping);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['weeklyHours.monday.1.from']);
    expect((await call(`${rt.api}/sla-calendars/office-riga`, { token: agent })).status).toBe(404);
    const zone = await put('office-riga', { ...office, timeZone: 'Europe/Atlantis' });
    expect(zone.body.errors.map((e: { path: string }) => e.path)).toEqual(['timeZone']);
    expect((await put('24x7', office)).status).toBe(400);
  });

  it('creates and replaces a calendar with If-Match, audits each save, and a policy may name it', async () => {
    const created = await put('office-riga', office);
    expect(created.status).toBe(200);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call(`${rt.api}/sla-calendars/office-riga`, { token: agent });
    expect(read.body).toEqual({ id: 'office-riga', ...office });

    expect((await put('office-riga', { ...office, holidays: [] }, '"0"')).status).toBe(412);
    const replaced = await put('office-riga', { ...office, holidays: [] }, '"1"');
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');

    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: slaCalendarChangeEntity.key('office-riga', 2),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({
      actor: { role: 'admin' },
      before: { holidays: office.holidays },
      after: { holidays: [] },
    });

    const policies = await call(`${rt.api}/sla-policies`, { token: admin });
    const saved = await call(`${rt.api}/sla-policies`, {
      method: 'PUT',
      token: admin,
      body: {
        policies: [
          { ...policies.body.policies[0], calendarId: 'office-riga' },
          ...policies.body.policies.slice(1),
        ],
      },
    });
    expect(saved.status).toBe(200);
  });
});
