import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFLECTIONS_PER_CLIENT_PER_DAY } from '#reports/use-cases/record-deflection.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Deflections counted on the server (docs/kb.md, docs/reports.md): once per session key, clients only, bounded. */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  otherClient: 'client@globex.example',
  agent: 'agent@helpdesk.example',
  lead: 'lead@helpdesk.example',
};
const articleId = '01JD0000000000000000000000';
const sessionKey = () => randomUUID().replaceAll('-', '');

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
});
afterAll(() => rt.stop());

const deflect = (as: string | null, body: unknown) =>
  call(`${rt.api}/kb/deflections`, { method: 'POST', body, ...(as ? { token: tokens[as] ?? '' } : {}) });

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const deflectionsIn = async (filter = ''): Promise<number> => {
  const overview = await call(
    `${rt.api}/reports/overview?from=${today()}&to=${tomorrow()}&timeZone=UTC${filter}`,
    {
      token: tokens.lead,
    },
  );
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  return overview.body.totals.deflections;
};

describe('POST /kb/deflections', () => {
  it('counts a client’s deflection once per session key in the overview’s totals', async () => {
    const before = await deflectionsIn();
    const acmeBefore = await deflectionsIn('&orgId=acme');
    const key = sessionKey();
    const first = await deflect('client', { articleId, sessionKey: key });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ counted: true });
    const repeated = await deflect('client', { articleId, sessionKey: key });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual({ counted: false });
    expect(await deflectionsIn()).toBe(before + 1);
    expect(await deflectionsIn('&orgId=acme')).toBe(acmeBefore + 1);
    // The same key from another client is that client's own deflection.
    expect((await deflect('otherClient', { articleId, sessionKey: key })).body).toEqual({ counted: true });
    expect(await deflectionsIn()).toBe(before + 2);
    expect(await deflectionsIn('&orgId=acme')).toBe(acmeBefore + 1);
  });

  it('is for clients only, and refuses bad input naming the field, counting nothing', async () => {
    const before = await deflectionsIn();
    expect((await deflect(null, { articleId, sessionKey: sessionKey() })).status).toBe(401);
    expect((await deflect('agent', { articleId, sessionKey: sessionKey() })).status).toBe(403);
    const bad = await deflect('client', { articleId: 'nope', sessionKey: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['articleId', 'sessionKey']),
    );
    expect(await deflectionsIn()).toBe(before);
  });

  it(`stops a client at ${DEFLECTIONS_PER_CLIENT_PER_DAY} a day with 429`, async () => {
    const before = await deflectionsIn();
    let counted = 0;
    let refused = 0;
    // The first test already counted one of this client's for today.
    for (let i = 0; i < DEFLECTIONS_PER_CLIENT_PER_DAY + 1; i++) {
      const answer = await deflect('client', { articleId, sessionKey: sessionKey() });
      if (answer.status === 200) counted++;
      else if (answer.status === 429) refused++;
    }
    expect(counted).toBe(DEFLECTIONS_PER_CLIENT_PER_DAY - 1);
    expect(refused).toBe(2);
    expect(await deflectionsIn()).toBe(before + DEFLECTIONS_PER_CLIENT_PER_DAY - 1);
  });
});
