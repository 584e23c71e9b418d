import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Property: whatever malformed body, header or query string a write route receives, the
 * answer is a 4xx problem+json that says what is wrong, never a 5xx, and nothing is written.
 */
const RUNS = 500;

let rt: TestRuntime;
let client: string;
let agent: string;
let newTicket: string;
let resolvedTicket: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  agent = await rt.token('agent@helpdesk.example');
  const open = async () =>
    (
      await call(`${rt.api}/tickets`, {
        method: 'POST',
        token: client,
        body: { subject: 'Fuzz target', description: 'x' },
      })
    ).body.id as string;
  newTicket = await open();
  resolvedTicket = await open();
  await call(`${rt.api}/tickets/${resolvedTicket}/resolve`, { method: 'POST', token: agent });
  // The mails these changes cause (and their notification records) are written after the
  // responses, by the stream consumers: let them land before the tests count items.
  await rt.drained();
});
afterAll(() => rt.stop());

interface WriteRoute {
  name: string;
  method: string;
  path: () => string;
  token: () => string | undefined;
  valid: Record<string, unknown>;
  /** For each field: values that are guaranteed invalid for it. */
  invalidField: Record<string, fc.Arbitrary<unknown>>;
  ifMatch?: boolean;
}

const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const blank = fc.constantFrom('', ' ', '\n\t');
const tooLong = (n: number) => fc.integer({ min: n + 1, max: n + 50 }).map((len) => 'x'.repeat(len));

const writeRoutes: WriteRoute[] = [
  {
    name: 'POST /tickets',
    method: 'POST',
    path: () => '/tickets',
    token: () => client,
    valid: { subject: 'Valid subject', description: 'Valid description' },
    invalidField: {
      subject: fc.oneof(notString, blank, tooLong(200)),
      description: fc.oneof(notString, blank),
      priority: fc.oneof(
        notString,
        fc.string().filter((s) => !['low', 'normal', 'high', 'urgent'].includes(s)),
      ),
      tags: fc.oneof(
        fc.string(),
        fc.array(fc.constantFrom('has space', '', 'a/b'), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constant('t'), { minLength: 21, maxLength: 25 }),
      ),
      queue: fc.oneof(notString, fc.constantFrom('', 'UPPER', 'has space', '../etc')),
      channel: fc.oneof(notString, fc.constantFrom('fax', '')),
    },
  },
  {
    name: 'PATCH /tickets/{id}',
    method: 'PATCH',
    path: () => `/tickets/${newTicket}`,
    token: () => agent,
    valid: { priority: 'high' },
    invalidField: {
      priority: fc.oneof(notString, fc.constantFrom('critical', '')),
      status: fc.oneof(notString, fc.constantFrom('new', 'merged', 'done')),
      assignee: fc.oneof(fc.integer(), fc.boolean(), fc.constant(''), tooLong(128)),
      subject: fc.oneof(notString, blank, tooLong(200)),
      tags: fc.oneof(fc.integer(), fc.array(fc.constant('two words'), { minLength: 1, maxLength: 2 })),
    },
    ifMatch: true,
  },
  {
    name: 'POST /tickets/{id}/messages',
    method: 'POST',
    path: () => `/tickets/${newTicket}/messages`,
    token: () => agent,
    valid: { body: 'A reply' },
    invalidField: {
      body: fc.oneof(notString, blank),
      internal: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    },
    ifMatch: true,
  },
  {
    name: 'POST /tickets/{id}/resolve',
    method: 'POST',
    path: () => `/tickets/${newTicket}/resolve`,
    token: () => agent,
    valid: {},
    invalidField: { message: fc.oneof(notString, blank) },
    ifMatch: true,
  },
  {
    name: 'POST /tickets/{id}/accept',
    method: 'POST',
    path: () => `/tickets/${resolvedTicket}/accept`,
    token: () => client,
    valid: {},
    invalidField: {},
    ifMatch: true,
  },
  {
    name: 'POST /tickets/{id}/reopen',
    method: 'POST',
    path: () => `/tickets/${resolvedTicket}/reopen`,
    token: () => client,
    valid: {},
    invalidField: { message: fc.oneof(notString, blank) },
    ifMatch: true,
  },
  {
    name: 'POST /tickets/{id}/feedback',
    method: 'POST',
    path: () => `/tickets/${resolvedTicket}/feedback`,
    token: () => client,
    valid: { rating: 5 },
    invalidField: {
      rating: fc.oneof(
        fc.integer({ max: 0 }),
        fc.integer({ min: 6 }),
        fc.double({ min: 1.1, max: 4.9, noNaN: true }).filter((n) => !Number.isInteger(n)),
        fc.string(),
        fc.constant(null),
      ),
      comment: fc.oneof(fc.integer(), tooLong(5000)),
    },
  },
  {
    name: 'POST /auth/login',
    method: 'POST',
    path: () => '/auth/login',
    token: () => undefined,
    valid: { email: 'client@acme.example', password: 'demo' },
    invalidField: {
      email: fc.oneof(notString, fc.constantFrom('', 'not-an-email', '@x')),
      password: fc.oneof(fc.integer(), fc.constant('')),
    },
  },
];

interface Case {
  body: string | undefined;
  headers: Record<string, string>;
  query: string;
}

const notJson = fc.string({ minLength: 1 }).filter((text) => {
  if (!text.trim()) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});

const caseFor = (route: WriteRoute): fc.Arbitrary<Case> => {
  const json = { 'content-type': 'application/json' };
  const validBody = JSON.stringify(route.valid);
  const knownKeys = new Set([
    ...Object.keys(route.valid),
    ...Object.keys(route.invalidField),
    'category',
    'orgId',
    'requester',
    'internal',
    'comment',
    'message',
  ]);
  const mutations: fc.Arbitrary<Case>[] = [
    notJson.map((body) => ({ body, headers: json, query: '' })),
    fc
      .oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.string(),
      )
      .map((value) => ({ body: JSON.stringify(value), headers: json, query: '' })),
    fc
      .tuple(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((key) => !knownKeys.has(key) && key !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([key, value]) => ({
        body: JSON.stringify({ ...route.valid, [key]: value }),
        headers: json,
        query: '',
      })),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      )
      .map((type) => ({ body: validBody, headers: { 'content-type': type }, query: '' })),
    fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.string({ maxLength: 10 })).map(([key, value]) => ({
      body: validBody,
      headers: json,
      query: `?${key}=${encodeURIComponent(value)}`,
    })),
  ];
  for (const [field, invalid] of Object.entries(route.invalidField)) {
    mutations.push(
      invalid.map((value) => ({
        body: JSON.stringify({ ...route.valid, [field]: value }),
        headers: json,
        query: '',
      })),
    );
  }
  if (route.ifMatch) {
    mutations.push(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter(
          (value) =>
            /^[\x21-\x7e ]+$/.test(value) &&
            value.trim() !== '*' &&
            !/^(?:W\/)?"?\d{1,9}"?$/.test(value.trim()) &&
            value.trim() !== '',
        )
        .map((value) => ({ body: validBody, headers: { ...json, 'if-match': value }, query: '' })),
    );
  }
  if (route.name === 'POST /tickets') {
    mutations.push(
      fc
        .oneof(tooLong(255), fc.constantFrom('ünïcode', 'a b', 'tab\there'))
        .map((key) => ({ body: validBody, headers: { ...json, 'idempotency-key': key }, query: '' })),
    );
    // 413: bodies over 256 KB (a few; they are large)
    mutations.push(
      fc.constant({
        body: JSON.stringify({ ...route.valid, description: 'y'.repeat(300 * 1024) }),
        headers: json,
        query: '',
      }),
    );
  }
  return fc.oneof(...mutations);
};

describe('malformed input on every write route', () => {
  it.each(writeRoutes.map((route) => [route.name, route] as const))(
    '%s answers 4xx problem+json and writes nothing',
    async (_name, route) => {
      // Consumers of earlier changes may still be writing: count once they are done.
      await rt.drained();
      const before = await rt.itemCount();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(caseFor(route), async (input) => {
          const token = route.token();
          const response = await fetch(`${rt.api}${route.path()}${input.query}`, {
            method: route.method,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...input.headers },
            ...(input.body !== undefined ? { body: input.body } : {}),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = (await response.json()) as { status: number; detail: string; title: string };
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(problem.status).toBe(response.status);
          expect(problem.detail.length).toBeGreaterThan(0);
        }),
        { numRuns: RUNS },
      );
      await rt.drained();
      expect(await rt.itemCount()).toBe(before);
      expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    },
    120_000,
  );

  it('names the offending field in a validation error', async () => {
    const response = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: '', description: 'x', tags: ['a b'] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['subject', 'tags.0']);
  });
});
