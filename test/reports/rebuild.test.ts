import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The reports consumer on the local change stream, fed by real API requests, and the rebuild:
 * clearing the aggregates and counting every ticket again from its history gives the same
 * figures the consumer kept.
 */
let rt: TestRuntime;
const tokens = {} as Record<'client' | 'agent' | 'lead', string>;
const run = promisify(execFile);
/** The references of the tickets the client rated. */
const rated: string[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  tokens.client = await rt.token('client@acme.example');
  tokens.agent = await rt.token('agent@helpdesk.example');
  tokens.lead = await rt.token('lead@helpdesk.example');
  for (let i = 0; i < 6; i++) {
    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: tokens.client,
      body: { subject: `Printer ${i} jams`, description: 'Paper everywhere', category: 'Hardware' },
    });
    const id = created.body.id as string;
    const reference = created.body.reference as string;
    if (i % 3 === 2) continue;
    await call(`${rt.api}/tickets/${id}`, {
      method: 'PATCH',
      token: tokens.agent,
      body: { assignee: 'me' },
      headers: { 'if-match': '"1"' },
    });
    expect(
      (
        await call(`${rt.api}/tickets/${id}/messages`, {
          method: 'POST',
          token: tokens.agent,
          body: { body: 'On it' },
        })
      ).status,
    ).toBe(201);
    if (i % 3 === 1) continue;
    expect(
      (
        await call(`${rt.api}/tickets/${id}/resolve`, {
          method: 'POST',
          token: tokens.agent,
          body: { message: 'Fixed' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(`${rt.api}/tickets/${id}/feedback`, {
          method: 'POST',
          token: tokens.client,
          body: { rating: 4, comment: 'Thanks, quick' },
        })
      ).status,
    ).toBe(201);
    rated.push(reference);
  }
  await rt.drained();
}, 120_000);
afterAll(() => rt.stop());

const overview = async () => {
  const response = await call(`${rt.api}/reports/overview`, { token: tokens.lead });
  expect(response.status).toBe(200);
  return response.body;
};

describe('reports from the live stream, and the rebuild', () => {
  it('counts what happened through the API', async () => {
    const report = await overview();
    expect(report.totals).toMatchObject({ created: 6, firstResponded: 4, resolved: 2, backlog: 4 });
    expect(report.csat).toMatchObject({ responses: 2, average: 4 });
    const csat = await call(`${rt.api}/reports/csat`, { token: tokens.lead });
    expect(csat.body.items.map((item: { comment: string }) => item.comment)).toEqual([
      'Thanks, quick',
      'Thanks, quick',
    ]);
    expect(csat.body.items[0].agent.id).toBe('user-agent');
    const mine = await call(`${rt.api}/reports/agents?agent=me`, { token: tokens.agent });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      agent: { id: 'user-agent' },
      assigned: 4,
      resolved: 2,
      csatResponses: 2,
    });
  });

  it('pages the ratings with rating, comment, reference, agent and date', async () => {
    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call(
        `${rt.api}/reports/csat?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: tokens.lead },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(cursor).toBeNull();
    expect(items.map((item) => item.reference).sort()).toEqual([...rated].sort());
    for (const item of items) {
      expect(item).toMatchObject({
        rating: 4,
        comment: 'Thanks, quick',
        agent: { id: 'user-agent', name: expect.stringMatching(/\S/) },
      });
      expect(Date.now() - Date.parse(String(item.createdAt))).toBeLessThan(10 * 60_000);
    }
  });

  it('exports the agents and the ratings as CSV rows equal to the reports', async () => {
    const csv = async (report: string) => {
      const response = await fetch(`${rt.api}/reports/export.csv?report=${report}`, {
        headers: { authorization: `Bearer ${tokens.lead}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="${report}-`),
      );
      return parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    };
    const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    const agents = (await call(`${rt.api}/reports/agents`, { token: tokens.lead })).body.items as {
      agent: { id: string; name: string };
      [figure: string]: unknown;
    }[];
    expect(agents.length).toBeGreaterThan(0);
    expect(await csv('agents')).toEqual(
      agents.map((row) => ({
        agentId: row.agent.id,
        agent: row.agent.name,
        ...Object.fromEntries(
          [
            'assigned',
            'resolved',
            'firstResponseP50',
            'resolutionP50',
            'slaCompliance',
            'csatAverage',
            'csatResponses',
            'reopenedRate',
            'rank',
            'flag',
          ].map((figure) => [figure, text(row[figure])]),
        ),
      })),
    );
    const ratings = (await call(`${rt.api}/reports/csat?limit=100`, { token: tokens.lead })).body.items as {
      createdAt: string;
      reference: string;
      rating: number;
      comment: string | null;
      agent: { id: string; name: string } | null;
    }[];
    expect(await csv('csat')).toEqual(
      ratings.map((item) => ({
        createdAt: item.createdAt,
        reference: item.reference,
        rating: String(item.rating),
        comment: text(item.comment),
        agentId: text(item.agent?.id),
        agent: text(item.agent?.name),
      })),
    );
  });

  it('gives an agent with agent=me the figures a lead reads for that agent', async () => {
    const mine = await call(`${rt.api}/reports/overview?agent=me&timeZone=UTC`, { token: tokens.agent });
    const asLead = await call(`${rt.api}/reports/overview?agent=user-agent&timeZone=UTC`, {
      token: tokens.lead,
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(asLead.body);
    expect(mine.body.totals).toMatchObject({ firstResponded: 4, resolved: 2 });
    expect(mine.body.csat).toMatchObject({ responses: 2, average: 4 });
  });

  it('rebuilds the same figures from the tickets and their history', async () => {
    const before = await overview();
    // `npm run reports:rebuild` as an operator runs it, on this runtime's table (its environment).
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/reports-rebuild.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: process.env,
    });
    const [, tickets, cleared] =
      /: (\d+) tickets, \d+ changes counted, (\d+) old report items cleared/.exec(stdout) ?? [];
    expect(Number(tickets), stdout).toBe(6);
    expect(Number(cleared)).toBeGreaterThan(0);
    expect(await overview()).toEqual(before);
  }, 180_000);
});
