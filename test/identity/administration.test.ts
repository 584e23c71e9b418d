import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let admin = '';
let lead = '';
let client = '';

beforeAll(async () => {
  // The routes trust an account they found active for 60 s per container (the default, kept
  // here): a deactivation made in this process (one, as under `npm start`) applies at once.
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
  lead = await rt.token('lead@helpdesk.example');
  client = await rt.token('client@acme.example');
});
afterAll(() => rt.stop());

const auditOf = async (partition: string) =>
  (
    await rt.db.send(
      new QueryCommand({
        TableName: rt.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
      }),
    )
  ).Items ?? [];

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);

describe('organisations', () => {
  it('lists the seeded organisations with their domains and what their clients may set', async () => {
    const listed = await call(`${rt.api}/organisations`, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'acme',
          domains: ['acme.example'],
          clientMay: ['category', 'priority'],
        }),
        expect.objectContaining({ id: 'globex', clientMay: ['category'], defaultQueue: null }),
      ]),
    );
  });

  it('pages the organisations by id: every one once, in order, and a bad limit or cursor is a 400 naming it', async () => {
    const whole = await call(`${rt.api}/organisations`, { token: lead });
    expect(whole.body.nextCursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2';
      const page = await call(`${rt.api}/organisations?${query}`, { token: lead });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(ids).toEqual(whole.body.items.map((o: { id: string }) => o.id));
    expect(ids).toEqual([...ids].sort());

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=Not%20an%20id', 'cursor'],
    ] as const) {
      const refused = await call(`${rt.api}/organisations?${query}`, { token: lead });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
  });

  it('refuses a domain another organisation claims with a 400 naming it, and writes nothing', async () => {
    const refused = await call(`${rt.api}/organisations`, {
      method: 'POST',
      token: admin,
      body: { id: 'initech', name: 'Initech', domains: ['initech.example', 'ACME.example'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(fieldsOf(refused.body)).toEqual(['domains.1']);
    expect(
      (await call(`${rt.api}/organisations`, { token: admin })).body.items.map((o: { id: string }) => o.id),
    ).not.toContain('initech');
    // The other domain was not claimed either: a later organisation may take it.
    const created = await call(`${rt.api}/organisations`, {
      method: 'POST',
      token: admin,
      body: { id: 'initech', name: 'Initech', domains: ['initech.example'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientMay: ['category'], defaultQueue: null, version: 1 });
  });

  it('moves a domain between organisations only once the first lets it go, at the version read', async () => {
    const taken = await call(`${rt.api}/organisations/globex`, {
      method: 'PATCH',
      token: admin,
      body: { domains: ['globex.example', 'initech.example'] },
    });
    expect(taken.status).toBe(400);
    expect(fieldsOf(taken.body)).toEqual(['domains.1']);

    const released = await call(`${rt.api}/organisations/initech`, {
      method: 'PATCH',
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { domains: [] },
    });
    expect(released.status).toBe(200);
    expect(released.headers.get('etag')).toBe('"2"');
    const stale = await call(`${rt.api}/organisations/initech`, {
      method: 'PATCH',
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { name: 'Initech Corp' },
    });
    expect(stale.status).toBe(412);
    const moved = await call(`${rt.api}/organisations/globex`, {
      method: 'PATCH',
      token: admin,
      body: { domains: ['globex.example', 'initech.example'] },
    });
    expect(moved.status).toBe(200);
    const [latest] = await auditOf('AUDIT#ORG#initech');
    expect(latest).toMatchObject({
      actor: { id: 'user-admin' },
      before: { domains: ['initech.example'] },
      after: { domains: [] },
    });
  });

  it("clientMay and the default queue are per organisation: Globex's new tickets land in its queue", async () => {
    const unknownQueue = await call(`${rt.api}/organisations/globex`, {
      method: 'PATCH',
      token: admin,
      body: { defaultQueue: 'nowhere' },
    });
    expect(unknownQueue.status).toBe(400);
    expect(fieldsOf(unknownQueue.body)).toEqual(['defaultQueue']);
    const set = await call(`${rt.api}/organisations/globex`, {
      method: 'PATCH',
      token: admin,
      body: { defaultQueue: 'billing', clientMay: ['category', 'priority'] },
    });
    expect(set.status).toBe(200);
    // The ticket path trusts its organisation cache for a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const globex = await rt.token('client@globex.example');
    const ticket = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: globex,
      body: { subject: 'Invoice', description: 'Wrong amount', priority: 'high' },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ queue: 'billing', priority: 'high' });
  });
});

describe('queues', () => {
  it('validates members and modes, naming the field; refuses a taken id', async () => {
    const bad = await call(`${rt.api}/queues`, {
      method: 'POST',
      token: admin,
      body: {
        id: 'vip',
        name: 'VIP',
        members: ['user-agent', 'user-client-acme', 'nobody'],
        autoAssign: 'random',
      },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toContain('autoAssign');
    const strangers = await call(`${rt.api}/queues`, {
      method: 'POST',
      token: admin,
      body: { id: 'vip', name: 'VIP', members: ['user-agent', 'user-client-acme', 'nobody'] },
    });
    expect(strangers.status).toBe(400);
    expect(fieldsOf(strangers.body)).toEqual(['members.1', 'members.2']);
    const taken = await call(`${rt.api}/queues`, {
      method: 'POST',
      token: admin,
      body: { id: 'general', name: 'Again' },
    });
    expect(taken.status).toBe(409);
  });

  it('keeps the seeded queues as they were (off, no members) and edits them at the version read, audited', async () => {
    const general = await call(`${rt.api}/queues/general`, { token: lead });
    expect(general.status).toBe(200);
    expect(general.body).toMatchObject({ members: [], escalationTo: [], autoAssign: 'off', version: 1 });
    expect(general.headers.get('etag')).toBe('"1"');
    const edited = await call(`${rt.api}/queues/general`, {
      method: 'PATCH',
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { escalationTo: ['user-lead'], members: ['user-agent', 'user-agent2'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await call(`${rt.api}/queues/general`, {
      method: 'PATCH',
      token: admin,
      headers: { 'if-match': '"1"' },
      body: { autoAssign: 'round-robin' },
    });
    expect(stale.status).toBe(412);
    const [latest] = await auditOf('AUDIT#QUEUE#general');
    expect(latest).toMatchObject({
      before: { escalationTo: [] },
      after: { escalationTo: ['user-lead'], version: 2 },
    });
  });
});

describe('accounts', () => {
  it('invites a person: the account exists, inactive accounts and unknown organisations are refused by field', async () => {
    const noOrg = await call(`${rt.api}/users`, {
      method: 'POST',
      token: admin,
      body: { email: 'new@acme.example', name: 'New Client', role: 'client' },
    });
    expect(noOrg.status).toBe(400);
    expect(fieldsOf(noOrg.body)).toEqual(['orgId']);
    const invited = await call(`${rt.api}/users`, {
      method: 'POST',
      token: admin,
      body: { email: 'new@acme.example', name: 'New Client', role: 'client', orgId: 'acme', language: 'de' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'client', orgId: 'acme', locale: 'de', active: true });
    const again = await call(`${rt.api}/users`, {
      method: 'POST',
      token: admin,
      body: { email: 'NEW@acme.example', name: 'Twice', role: 'agent' },
    });
    expect(again.status).toBe(409);
    const clients = await call(`${rt.api}/users?role=client`, { token: admin });
    expect(clients.body.items.map((u: { email: string }) => u.email)).toContain('new@acme.example');
    expect((await call(`${rt.api}/users?role=client`, { token: lead })).status).toBe(403);
  });

  it('invites by a set-password mail locally: its link names the account, sets the password once, and the person signs in', async () => {
    // The SES emulator serves the whole run: an address of this test's own, matched whole.
    const email = `invitee-${randomBytes(4).toString('hex')}@helpdesk.example`;
    const invited = await call(`${rt.api}/users`, {
      method: 'POST',
      token: admin,
      body: { email, name: 'Ines Invitee', role: 'agent' },
    });
    expect(invited.status).toBe(201);
    const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
    };
    const mail = store.emails.find((sent) =>
      sent.destination.to.some((to) => to === email || to.endsWith(`<${email}>`)),
    );
    expect(mail?.subject).toBe('Your help desk account: choose a password');
    const token = /\/set-password\?token=([\w-]+)/.exec(mail?.body.text ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    const login = () =>
      call(`${rt.api}/auth/login`, { method: 'POST', body: { email, password: 'a long new password' } });
    expect((await login()).status).toBe(401);
    const lookup = () => call(`${rt.api}/auth/invitation`, { method: 'POST', body: { token } });
    const before = await lookup();
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ email, name: 'Ines Invitee' });
    const set = await call(`${rt.api}/auth/set-password`, {
      method: 'POST',
      body: { token, password: 'a long new password' },
    });
    expect(set.status).toBe(200);
    // The answer names the account, so the portal can sign the person in at once.
    expect(set.body).toEqual({ email });
    expect((await login()).status).toBe(200);
    const again = await call(`${rt.api}/auth/set-password`, {
      method: 'POST',
      headers: { 'accept-language': 'de' },
      body: { token, password: 'another long password' },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([
      { path: 'token', message: 'Bitten Sie einen Admin um eine neue Einladung' },
    ]);
    const after = await lookup();
    expect(after.status).toBe(400);
    expect(fieldsOf(after.body)).toEqual(['token']);
  });

  it('a deactivated account signs in no more', async () => {
    const off = await call(`${rt.api}/users/user-client-globex`, {
      method: 'PATCH',
      token: admin,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const login = await call(`${rt.api}/auth/login`, {
      method: 'POST',
      body: { email: 'client@globex.example', password: 'demo' },
    });
    expect(login.status).toBe(401);
    const self = await call(`${rt.api}/users/user-admin`, {
      method: 'PATCH',
      token: admin,
      body: { active: false },
    });
    expect(self.status).toBe(400);
    expect(fieldsOf(self.body)).toEqual(['active']);
  });

  it("a deactivated agent's token is refused on reads and writes at once; reactivated, they sign in again", async () => {
    const agent = await rt.token('agent2@helpdesk.example');
    const ticket = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Printer', description: 'It jams' },
    });
    expect(ticket.status).toBe(201);
    const path = `${rt.api}/tickets/${ticket.body.id}`;
    expect((await call(path, { token: agent })).status).toBe(200);

    const off = await call(`${rt.api}/users/user-agent2`, {
      method: 'PATCH',
      token: admin,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    // Their token was just found active, and is refused at the next request all the same.
    const read = await call(path, { token: agent });
    expect(read.status).toBe(401);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(read.body.detail).toBe('This account was deactivated');
    const write = await call(`${path}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Written after I left' },
    });
    expect(write.status).toBe(401);
    expect((await call(`${rt.api}/me`, { token: agent })).status).toBe(401);
    const messages = await call(`${path}/messages`, { token: admin });
    expect(messages.body.items.map((m: { body: string }) => m.body)).not.toContain('Written after I left');
    expect((await call(path, { token: admin })).body.version).toBe(ticket.body.version);
    const refusedLogin = await call(`${rt.api}/auth/login`, {
      method: 'POST',
      body: { email: 'agent2@helpdesk.example', password: 'demo' },
    });
    expect(refusedLogin.status).toBe(401);

    const on = await call(`${rt.api}/users/user-agent2`, {
      method: 'PATCH',
      token: admin,
      body: { active: true },
    });
    expect(on.status).toBe(200);
    const login = await call(`${rt.api}/auth/login`, {
      method: 'POST',
      body: { email: 'agent2@helpdesk.example', password: 'demo' },
    });
    expect(login.status).toBe(200);
    expect((await call(path, { token: login.body.token })).status).toBe(200);
  });

  it('validates every field by name', async () => {
    const bad = await call(`${rt.api}/users/user-agent`, {
      method: 'PATCH',
      token: admin,
      body: { capacity: -1, timeZone: 'Mars/Olympus', language: 'fr', skills: ['two words'] },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['capacity', 'language', 'skills.0', 'timeZone']);
    const staffInOrg = await call(`${rt.api}/users/user-agent`, {
      method: 'PATCH',
      token: admin,
      body: { orgId: 'acme' },
    });
    expect(staffInOrg.status).toBe(400);
    expect(fieldsOf(staffInOrg.body)).toEqual(['orgId']);
  });

  it('a lead changes only skills and capacity, and only of the members of queues they lead', async () => {
    const role = await call(`${rt.api}/users/user-agent`, {
      method: 'PATCH',
      token: lead,
      body: { role: 'admin' },
    });
    expect(role.status).toBe(403);
    // The lead is escalated to by `general` (above): its members are theirs.
    const mine = await call(`${rt.api}/users/user-agent`, {
      method: 'PATCH',
      token: lead,
      body: { skills: ['billing'], capacity: 4 },
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ skills: ['billing'], capacity: 4 });
    const notMine = await call(`${rt.api}/users/user-admin`, {
      method: 'PATCH',
      token: lead,
      body: { capacity: 4 },
    });
    expect(notMine.status).toBe(403);
    const [latest] = await auditOf('AUDIT#USER#user-agent');
    expect(latest).toMatchObject({ actor: { id: 'user-lead' }, after: { capacity: 4 } });
    expect(
      (await call(`${rt.api}/users/user-agent`, { method: 'PATCH', token: client, body: { capacity: 1 } }))
        .status,
    ).toBe(403);
  });
});
