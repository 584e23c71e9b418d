import type { DynamoDBStreamEvent } from 'aws-lambda';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { insertRecordOf } from '../support/stream-records.js';
import { mulberry32 } from './timelines.js';

/**
 * Trends and the CSV export through the API, over tickets whose creation records went through
 * the real reports consumer into DynamoDB Local; and how the report routes refuse bad input.
 */
let rt: TestRuntime;
let handler: StreamHandler;
let lead = '';
let sequence = 0;
const DAY = 86_400_000;
const to = '2026-09-30';
const end = Date.parse(`${to}T00:00:00Z`) + DAY;

const ticketOf = (
  n: number,
  subject: string,
  createdAt: number,
  description = 'Please have a look',
): Ticket => ({
  id: `R${String(n).padStart(25, '0')}`,
  reference: `HD-2026-9${String(n).padStart(5, '0')}`,
  subject,
  description,
  status: 'new',
  priority: 'normal',
  category: null,
  tags: [],
  queue: 'general',
  orgId: 'acme',
  requester: { id: 'user-client-acme', email: 'client@acme.example', name: 'Client' },
  assignee: null,
  channel: 'web',
  version: 1,
  createdAt: new Date(createdAt).toISOString(),
  updatedAt: new Date(createdAt).toISOString(),
  sla: emptySla(),
});

const feed = async (tickets: readonly Ticket[]) => {
  for (let i = 0; i < tickets.length; i += 100) {
    const Records = tickets
      .slice(i, i + 100)
      .map((ticket) => insertRecordOf(ticketItem(ticket), String(++sequence).padStart(21, '0')));
    const result = await handler({ Records } as DynamoDBStreamEvent);
    expect(result.batchItemFailures).toEqual([]);
  }
};

const tricky = [
  'Comma, inside',
  'A "quoted" word',
  'Line one\nline two',
  'Zażółć gęślą jaźń',
  'Ärger mit Öl',
  'Tõrge süsteemis',
  'ошибка входа',
  '日本語の件名',
  '=SUM(A1)',
];

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  ({ handler } = (await import('#functions/stream/reports.js')) as { handler: StreamHandler });
  lead = await rt.token('lead@helpdesk.example');
  const random = mulberry32(7);
  const words = [
    'laptop',
    'mailbox',
    'invoice',
    'password',
    'screen',
    'keyboard',
    'calendar',
    'license',
    'folder',
    'meeting',
    'update',
    'account',
  ];
  const pick = () => words[Math.floor(random() * words.length)] ?? 'laptop';
  const tickets: Ticket[] = [];
  let n = 0;
  // 40 VPN tickets this week, 5 the week before; 6 printer tickets every week for five weeks;
  // background noise every day (one ticket a day keeps the suite within its time budget).
  for (let i = 0; i < 40; i++)
    tickets.push(ticketOf(n++, `VPN ${pick()}`, end - 7 * DAY + Math.floor(random() * 7 * DAY)));
  for (let i = 0; i < 5; i++)
    tickets.push(ticketOf(n++, `VPN ${pick()}`, end - 14 * DAY + Math.floor(random() * 7 * DAY)));
  for (let week = 1; week <= 5; week++)
    for (let i = 0; i < 6; i++)
      tickets.push(ticketOf(n++, `Printer ${pick()}`, end - week * 7 * DAY + Math.floor(random() * 7 * DAY)));
  for (let day = 1; day <= 35; day++)
    for (let i = 0; i < 1; i++)
      tickets.push(ticketOf(n++, `${pick()} ${pick()}`, end - day * DAY + Math.floor(random() * DAY)));
  for (const [i, subject] of tricky.entries())
    tickets.push(ticketOf(n++, subject, end - 2 * DAY + i * 60_000, `${subject}, described`));
  await feed(tickets);
}, 300_000);
afterAll(() => rt.stop());

describe('GET /reports/trends', () => {
  it('finds the rising topic first and leaves a steady one out', async () => {
    const response = await call(`${rt.api}/reports/trends?to=${to}&timeZone=UTC`, { token: lead });
    expect(response.status).toBe(200);
    const [first] = response.body.items;
    expect(first).toMatchObject({ topic: 'vpn', kind: 'term', recent: 40, baseline: 5 });
    expect(first.ratio).toBe(32);
    // The stated test (docs/reports.md "Trends"): the signed root of the log-likelihood ratio G of
    // 40 recent against 5 baseline, expected 45 × 7/35 = 9 and 36 under no change.
    const g = 2 * (40 * Math.log(40 / 9) + 5 * Math.log(5 / 36));
    expect(first.score).toBe(Math.round(Math.sqrt(g) * 100) / 100);
    expect(first.examples.length).toBeGreaterThan(0);
    expect(first.examples[0]).toMatch(/^HD-2026-9/);
    const topics = response.body.items.map((item: { topic: string }) => item.topic);
    expect(topics).not.toContain('printer');
    expect(response.body.recent).toEqual({ from: '2026-09-24', to });
    expect(response.body.baseline).toEqual({ from: '2026-08-27', to: '2026-09-23' });
  });
});

describe('GET /reports/export.csv', () => {
  it('exports tickets as RFC 4180 CSV with a BOM that parses back to the same rows', async () => {
    const response = await fetch(
      `${rt.api}/reports/export.csv?report=tickets&from=2026-09-28&to=${to}&timeZone=UTC`,
      {
        headers: { authorization: `Bearer ${lead}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="tickets-2026-09-28-2026-09-30.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('\r\n');
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const bySubject = new Map(rows.map((row) => [row.subject, row]));
    for (const subject of tricky) {
      expect(bySubject.get(subject), subject).toMatchObject({
        subject,
        status: 'new',
        queue: 'general',
        orgId: 'acme',
      });
    }
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining([
        'reference',
        'createdAt',
        'firstResponseSeconds',
        'resolutionSeconds',
        'slaTimeToOpen',
        'csat',
      ]),
    );
  });

  it('exports the overview series, one row a day', async () => {
    const response = await fetch(
      `${rt.api}/reports/export.csv?report=overview&from=2026-09-01&to=${to}&timeZone=UTC&interval=day`,
      {
        headers: { authorization: `Bearer ${lead}` },
      },
    );
    const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(30);
    expect(rows[0]?.start).toBe('2026-09-01');
  });
});

describe('report queries', () => {
  it.each([
    ['from=2026-02-30', 'from'],
    ['from=2025-01-01&to=2026-06-01', 'to'],
    ['from=2026-06-02&to=2026-06-01', 'to'],
    ['timeZone=Mars/Olympus', 'timeZone'],
    ['interval=hour', 'interval'],
    ['priority=extreme', 'priority'],
  ])('refuses %s with a problem naming the field', async (query, field) => {
    const response = await call(`${rt.api}/reports/overview?${query}`, { token: lead });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toContain(field);
  });

  it("reads the days in the caller's time zone unless one is given, and the range up to 366 days", async () => {
    const range = 'from=2026-09-01&to=2026-09-30';
    // Liis Lead works in Europe/Tallinn, the admin in UTC (the seed).
    const implied = await call(`${rt.api}/reports/overview?${range}`, { token: lead });
    expect(implied.status).toBe(200);
    expect(implied.body).toMatchObject({ from: '2026-09-01', to: '2026-09-30', timeZone: 'Europe/Tallinn' });
    const named = await call(`${rt.api}/reports/overview?${range}&timeZone=Europe/Tallinn`, { token: lead });
    expect(implied.body).toEqual(named.body);
    const admin = await call(`${rt.api}/reports/overview?${range}`, {
      token: await rt.token('admin@helpdesk.example'),
    });
    expect(admin.body.timeZone).toBe('UTC');
    const year = await call(`${rt.api}/reports/overview?from=2025-06-01&to=2026-06-01`, { token: lead });
    expect(year.status).toBe(200);
    const longer = await call(`${rt.api}/reports/overview?from=2025-06-01&to=2026-06-02`, { token: lead });
    expect(longer.status).toBe(400);
  });

  it('puts the series into days, ISO weeks or months as `interval` asks, the same tickets in each', async () => {
    const series = async (query: string) => {
      const response = await call(`${rt.api}/reports/overview?${query}&timeZone=UTC`, { token: lead });
      expect(response.status).toBe(200);
      return response.body.series as { start: string; created: number }[];
    };
    const total = (points: { created: number }[]) => points.reduce((sum, point) => sum + point.created, 0);
    const days = await series(`from=2026-08-15&to=${to}&interval=day`);
    expect(days).toHaveLength(47);
    const weeks = await series(`from=2026-08-15&to=${to}&interval=week`);
    // 15 August 2026 is a Saturday: the first point is cut at the range's start, then Mondays.
    expect(weeks.map((point) => point.start)).toEqual([
      '2026-08-15',
      '2026-08-17',
      '2026-08-24',
      '2026-08-31',
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
    ]);
    const months = await series(`from=2026-08-15&to=${to}&interval=month`);
    expect(months.map((point) => point.start)).toEqual(['2026-08-15', '2026-09-01']);
    expect(total(days)).toBeGreaterThan(0);
    expect(total(weeks)).toBe(total(days));
    expect(total(months)).toBe(total(days));
    expect(months[1]?.created).toBe(total(days.filter((point) => point.start >= '2026-09-01')));
  });

  it('refuses an unknown parameter, naming it', async () => {
    const response = await call(`${rt.api}/reports/overview?colour=red`, { token: lead });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('colour');
  });
});
