import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaReapplyJobEntity } from '#platform/table/sla-config.js';
import { defaultPolicies } from '#sla/policy.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Policy changes on the local runtime (DynamoDB Local, the stream consumers): `applyTo: new`
 * leaves open tickets on the policy pinned on them; `applyTo: open` re-applies the list through
 * the sla-reapply job, and the preview announced exactly the breaches that then happen.
 */
let rt: TestRuntime;
let admin: string;
let agent: string;
let client: string;
let lead: string;

const lowPolicy = (timeToOpen: string) => ({
  id: 'low-tests',
  name: 'Low (tests)',
  match: { priority: ['low'] },
  calendarId: '24x7',
  targets: { timeToOpen, timeToResolve: 'PT8H', totalServiceTime: 'PT24H' },
});
const policiesWith = (timeToOpen: string) => [lowPolicy(timeToOpen), ...defaultPolicies()];

interface Sla {
  policyId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  totalDueAt: string | null;
  breaches: { clock: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const getSla = async (id: string): Promise<Sla> =>
  (await call(`${rt.api}/tickets/${id}`, { token: agent })).body.sla;

const open = async (subject: string, priority = 'low'): Promise<{ id: string; createdAt: string }> => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: client,
    body: { subject, description: 'Policy change test', priority },
  });
  expect(created.status).toBe(201);
  return created.body;
};

const save = async (policies: unknown[], applyTo?: string) => {
  const current = await call(`${rt.api}/sla-policies`, { token: admin });
  return call(`${rt.api}/sla-policies`, {
    method: 'PUT',
    token: admin,
    headers: { 'if-match': current.headers.get('etag') ?? '' },
    body: { policies, ...(applyTo ? { applyTo } : {}) },
  });
};

const allTickets = async (): Promise<{ id: string; sla: Sla }[]> =>
  (await call(`${rt.api}/tickets?limit=100`, { token: agent })).body.items;

const addSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** Waits until the re-application job of `version` is done (each step is a stream record). */
const jobDone = async (version: number) => {
  for (let i = 0; i < 100; i++) {
    await rt.drained();
    const { Item } = await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: slaReapplyJobEntity.key(version),
        ConsistentRead: true,
      }),
    );
    if (Item?.done === true) return Item;
    await sleep(100);
  }
  throw new Error(`The re-application job of version ${version} did not finish`);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
  agent = await rt.token('agent@helpdesk.example');
  client = await rt.token('client@acme.example');
  lead = await rt.token('lead@helpdesk.example');
});

afterAll(async () => {
  await rt?.stop();
});

describe('SLA policy changes', () => {
  it('keeps the deadlines of open tickets with applyTo new (the default), also across their own changes', async () => {
    expect((await save(policiesWith('PT1H'))).status).toBe(200);
    const old = await open('Old ticket');
    const before = await getSla(old.id);
    expect(before.firstResponseDueAt).toBe(addSeconds(old.createdAt, 3600));

    expect((await save(policiesWith('PT2H'))).status).toBe(200);
    // A change of the ticket that does not touch what policies match on keeps its policy.
    const patched = await call(`${rt.api}/tickets/${old.id}`, {
      method: 'PATCH',
      token: agent,
      body: { tags: ['kept'] },
    });
    expect(patched.status).toBe(200);

    expect(await getSla(old.id)).toEqual(before);
    const fresh = await open('New ticket');
    expect((await getSla(fresh.id)).firstResponseDueAt).toBe(addSeconds(fresh.createdAt, 7200));
  });

  it('gives a ticket whose priority changes the current policy for its new priority', async () => {
    const ticket = await open('Re-prioritised', 'normal');
    const patched = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: { priority: 'low' },
    });
    expect(patched.status).toBe(200);
    const sla = await getSla(ticket.id);
    expect(sla.policyId).toBe('low-tests');
    expect(sla.firstResponseDueAt).toBe(addSeconds(ticket.createdAt, 7200));
  });

  it('re-applies the list to open tickets with applyTo open, and the preview counts the breaches that happen', async () => {
    const worked = await open('Already opened');
    expect(
      (
        await call(`${rt.api}/tickets/${worked.id}`, {
          method: 'PATCH',
          token: agent,
          body: { status: 'open' },
        })
      ).status,
    ).toBe(200);
    await sleep(1200);

    const strict = policiesWith('PT1S');
    const breachesBefore = new Map((await allTickets()).map((t) => [t.id, t.sla.breaches.length]));
    const preview = await call(`${rt.api}/sla-policies/preview`, {
      method: 'POST',
      token: admin,
      body: { policies: strict, applyTo: 'open' },
    });
    expect(preview.status).toBe(200);
    const open_ = [...breachesBefore.keys()].length;
    expect(preview.body).toMatchObject({ openTickets: open_, examined: open_ });
    // The low tickets still new (3: old, new, re-prioritised) breach TTS at once; the opened one does not.
    expect(preview.body.wouldBreachNow).toBe(3);
    expect(preview.body.affected).toBe(4);

    const saved = await save(strict, 'open');
    expect(saved.status).toBe(200);
    const version = Number((saved.headers.get('etag') ?? '').replace(/\D/g, ''));
    const job = await jobDone(version);
    expect(job).toMatchObject({ examined: open_, applied: 4 });

    const after = await allTickets();
    const breached = after.filter((t) => t.sla.breaches.length > (breachesBefore.get(t.id) ?? 0));
    expect(breached.length).toBe(preview.body.wouldBreachNow);
    const workedSla = after.find((t) => t.id === worked.id)?.sla;
    expect(workedSla?.firstResponseDueAt).toBe(addSeconds(worked.createdAt, 1));
    expect(workedSla?.breaches).toEqual([]);
    for (const ticket of breached) {
      const events = await call(`${rt.api}/tickets/${ticket.id}/events?limit=100`, { token: agent });
      const types = events.body.items.map((e: { type: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['sla.policy-applied', 'sla.breached', 'sla.escalation']));
    }
  });

  it('keeps the history of every save: who, when, whom it applied to, before and after', async () => {
    const history = await call(`${rt.api}/sla-policies/history?limit=2`, { token: lead });
    expect(history.status).toBe(200);
    const [newest, older] = history.body.items;
    expect(newest).toMatchObject({ applyTo: 'open', actor: { name: expect.any(String) } });
    expect(newest.after[0].targets.timeToOpen).toBe('PT1S');
    expect(newest.before[0].targets.timeToOpen).toBe('PT2H');
    expect(older).toMatchObject({ applyTo: 'new', version: newest.version - 1 });
    expect(history.body.nextBefore).toBe(older.version);
    const page2 = await call(`${rt.api}/sla-policies/history?before=${older.version}`, { token: admin });
    expect(page2.body.items[0].version).toBe(older.version - 1);
  });

  it('refuses an unknown applyTo and an invalid preview, naming the field, and saves nothing', async () => {
    const refused = await save(policiesWith('PT1H'), 'sometimes');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(refused.body)).toContain('applyTo');
    const preview = await call(`${rt.api}/sla-policies/preview`, {
      method: 'POST',
      token: admin,
      body: { policies: [{ ...lowPolicy('soon') }] },
    });
    expect(preview.status).toBe(400);
    expect(JSON.stringify(preview.body)).toContain('policies.0.targets.timeToOpen');
    const current = await call(`${rt.api}/sla-policies`, { token: admin });
    expect(current.body.policies[0].targets.timeToOpen).toBe('PT1S');
  });
});
