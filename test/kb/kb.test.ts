import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** The knowledge base over HTTP (docs/kb.md): roles, versions, sanitized HTML, search. */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  agent: 'agent@helpdesk.example',
  lead: 'lead@helpdesk.example',
};

const api = (
  path: string,
  as: string | null,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) => call(`${rt.api}${path}`, { ...(as ? { token: tokens[as] ?? '' } : {}), ...init });

const article = async (as: string, body: Record<string, unknown>) => {
  const created = await api('/kb/articles', as, { method: 'POST', body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number; html: string };
};

let published: { id: string };
let draft: { id: string };
let internal: { id: string };
let german: { id: string };

beforeAll(async () => {
  rt = await startTestRuntime();
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
  published = await article('lead', {
    title: 'Reset your password',
    body: 'Open **Settings** and press [Reset](https://portal.example/reset).\n\n<script>alert(1)</script><a href="#" onclick="steal()">x</a>',
    language: 'en',
    category: 'accounts',
    status: 'published',
  });
  draft = await article('agent', {
    title: 'Password rules draft',
    body: 'Twelve characters.',
    language: 'en',
  });
  internal = await article('lead', {
    title: 'Password escalation runbook',
    body: 'Call the identity team.',
    language: 'en',
    visibility: 'internal',
    status: 'published',
  });
  german = await article('lead', {
    title: 'Passwort zurücksetzen',
    body: 'Öffnen Sie die Einstellungen.',
    language: 'de',
    category: 'accounts',
    status: 'published',
    translationOf: published.id,
  });
}, 60_000);
afterAll(() => rt.stop());

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

describe('knowledge-base articles', () => {
  it('serves the body as sanitized HTML: no script, no event handler, links rel=noopener', async () => {
    const read = await api(`/kb/articles/${published.id}`, null);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body.html).toContain('<strong>Settings</strong>');
    expect(read.body.html).toContain('rel="noopener noreferrer"');
    expect(read.body.html).not.toMatch(/<script|onclick/);
  });

  it('shows anonymous readers and clients published public articles only; staff everything', async () => {
    const everyone = [published.id, german.id].sort();
    expect(ids((await api('/kb/articles', null)).body)).toEqual(everyone);
    expect(ids((await api('/kb/articles', 'client')).body)).toEqual(everyone);
    expect(ids((await api('/kb/articles', 'agent')).body)).toEqual(
      [published.id, draft.id, internal.id, german.id].sort(),
    );
    expect(ids((await api('/kb/articles?lang=de', null)).body)).toEqual([german.id]);
    expect(ids((await api('/kb/articles?status=draft', 'lead')).body)).toEqual([draft.id]);
    expect(ids((await api('/kb/articles?category=accounts', 'agent')).body)).toEqual(everyone);
    expect(ids((await api('/kb/articles?category=general&status=draft', 'agent')).body)).toEqual([draft.id]);
    expect((await api(`/kb/articles/${draft.id}`, null)).status).toBe(404);
    expect((await api(`/kb/articles/${internal.id}`, 'client')).status).toBe(404);
    expect((await api(`/kb/articles/${german.id}`, null)).body.translationOf).toBe(published.id);
  });

  it('lets agents write drafts only; leads publish', async () => {
    const refused = await api('/kb/articles', 'agent', {
      method: 'POST',
      body: { title: 'x', body: 'y', language: 'en', status: 'published' },
    });
    expect(refused.status).toBe(403);
    expect(
      (await api(`/kb/articles/${published.id}`, 'agent', { method: 'PATCH', body: { title: 'Mine' } }))
        .status,
    ).toBe(403);
    expect(
      (await api(`/kb/articles/${draft.id}`, 'agent', { method: 'PATCH', body: { status: 'published' } }))
        .status,
    ).toBe(403);
    const edited = await api(`/kb/articles/${draft.id}`, 'agent', {
      method: 'PATCH',
      body: { body: 'Twelve characters, one digit.' },
    });
    expect(edited.status).toBe(200);
    expect((await api(`/kb/articles/${draft.id}`, 'agent', { method: 'DELETE' })).status).toBe(403);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const bad = await api('/kb/articles', 'lead', {
      method: 'POST',
      body: { body: 'no title', language: 'xx' },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'language']));
    const bodies = ids((await api('/kb/articles', 'lead')).body);
    expect(bodies).toHaveLength(4);
  });

  it('keeps every change as a version with author and time; a stale If-Match is 412', async () => {
    const created = await article('lead', {
      title: 'Versioned',
      body: 'one',
      language: 'en',
      status: 'published',
    });
    const second = await api(`/kb/articles/${created.id}`, 'lead', {
      method: 'PATCH',
      headers: { 'if-match': '"1"' },
      body: { body: 'two' },
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    const stale = await api(`/kb/articles/${created.id}`, 'lead', {
      method: 'PATCH',
      headers: { 'if-match': '"1"' },
      body: { body: 'lost update' },
    });
    expect(stale.status).toBe(412);
    expect(
      (await api(`/kb/articles/${created.id}`, 'lead', { method: 'DELETE', headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(412);
    expect(
      (await api(`/kb/articles/${created.id}`, 'lead', { method: 'DELETE', headers: { 'if-match': '"2"' } }))
        .status,
    ).toBe(204);
    expect((await api(`/kb/articles/${created.id}`, 'lead')).status).toBe(404);
    const versions = await api(`/kb/articles/${created.id}/versions`, 'agent');
    expect(versions.status).toBe(200);
    expect(
      versions.body.items.map(
        (v: { version: number; change: string; body: string; author: { name: string } }) => [
          v.version,
          v.change,
          v.body,
          v.author.name,
        ],
      ),
    ).toEqual([
      [3, 'deleted', 'two', 'Liis Lead'],
      [2, 'updated', 'two', 'Liis Lead'],
      [1, 'created', 'one', 'Liis Lead'],
    ]);
    expect(versions.body.items[0].at).toEqual(expect.any(String));
    expect((await api(`/kb/articles/${created.id}/versions`, 'client')).status).toBe(403);
  });

  it('previews Markdown for staff as readers would get it, sanitized, and stores nothing', async () => {
    const before = ids((await api('/kb/articles', 'lead')).body).length;
    const preview = await api('/kb/preview', 'agent', {
      method: 'POST',
      body: {
        body: '## Steps\n\n[Docs](https://docs.example)<img src=x onerror="steal()"><script>alert(1)</script>',
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.html).toContain('<h2>Steps</h2>');
    expect(preview.body.html).toContain('rel="noopener noreferrer"');
    expect(preview.body.html).not.toMatch(/<script|onerror/);
    expect(ids((await api('/kb/articles', 'lead')).body)).toHaveLength(before);
    expect((await api('/kb/preview', 'client', { method: 'POST', body: { body: 'x' } })).status).toBe(403);
    const bad = await api('/kb/preview', 'agent', { method: 'POST', body: { markdown: 'x' } });
    expect(bad.status).toBe(400);
  });
});

describe('GET /kb/search', () => {
  const search = async (query: string, as: string | null) => {
    await rt.drained();
    const answer = await api(`/kb/search?${query}`, as);
    expect(answer.status).toBe(200);
    return answer.body.results as {
      id: string;
      title: string;
      snippet: string;
      score: number;
      language: string;
    }[];
  };

  it('finds published public articles without a token, internal ones too with a staff token', async () => {
    // Without `lang` the German translation counts too (passwort and password share a stem).
    expect((await search('q=password', null)).map((result) => result.id).sort()).toEqual(
      [published.id, german.id].sort(),
    );
    const anonymous = await search('q=password&lang=en', null);
    expect(anonymous.map((result) => result.id)).toEqual([published.id]);
    expect(anonymous[0]).toEqual({
      id: published.id,
      title: 'Reset your password',
      snippet: expect.stringContaining('Settings'),
      score: expect.any(Number),
      language: 'en',
    });
    const staff = (await search('q=password&lang=en', 'agent')).map((result) => result.id).sort();
    expect(staff).toEqual([published.id, internal.id].sort());
    expect((await search('q=password&lang=en', 'client')).map((result) => result.id)).toEqual([published.id]);
  });

  it('searches one language with `lang`, accents folded, and honours `limit`', async () => {
    expect((await search('q=zurucksetzen&lang=de', null)).map((result) => result.id)).toEqual([german.id]);
    expect(await search('q=zurucksetzen&lang=en', null)).toEqual([]);
    expect(await search('q=password&limit=1', 'agent')).toHaveLength(1);
  });

  it('forgets a deleted article and follows an edit', async () => {
    const gone = await article('lead', {
      title: 'Printer toner',
      body: 'Shake it.',
      language: 'en',
      status: 'published',
    });
    expect((await search('q=toner', null)).map((result) => result.id)).toEqual([gone.id]);
    await api(`/kb/articles/${gone.id}`, 'lead', { method: 'DELETE' });
    expect(await search('q=toner', null)).toEqual([]);
  });
});
