import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The reports consumer on the local change stream, fed by real API requests, and the rebuild:
 * clearing the aggregates and counting every ticket again from its history gives the same
 * figures the consumer kept.
 */
let rt: TestRuntime;
const tokens = {} as Record<'client' | 'agent' | 'lead', string>;

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

  it('rebuilds the same figures from the tickets and their history', async () => {
    const before = await overview();
    const { rebuildReports } = await import('#reports/use-cases/rebuild.js');
    const { rebuildSource, recordDeps } = await import('#functions/wiring/reports.js');
    const result = await rebuildReports(recordDeps, rebuildSource);
    expect(result.tickets).toBe(6);
    expect(result.cleared).toBeGreaterThan(0);
    expect(await overview()).toEqual(before);
  });
});
