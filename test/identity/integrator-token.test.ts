import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** An integrator on a laptop: client credentials → a scoped token, as Cognito issues in the cloud. */
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.stop());

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('POST /auth/token', () => {
  it('issues a token with the integrator scopes that lists and opens tickets (HTTP Basic, form-encoded)', async () => {
    const response = await fetch(
      `${rt.api}/auth/token`,
      form(
        { grant_type: 'client_credentials' },
        { authorization: basic('demo-integrator', rt.integratorSecret) },
      ),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      access_token: string;
      token_type: string;
      scope: string;
      expires_in: number;
    };
    expect(body).toMatchObject({
      token_type: 'Bearer',
      scope: 'helpdesk/tickets.read helpdesk/tickets.write',
    });
    expect(body.expires_in).toBeGreaterThan(0);

    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: body.access_token,
      body: {
        subject: 'From an integration',
        description: 'Sent by a client credentials token',
        requester: { email: 'client@acme.example' },
      },
    });
    expect(created.status).toBe(201);
    expect((await call(`${rt.api}/tickets`, { token: body.access_token })).status).toBe(200);
  });

  it('accepts the client credentials in a JSON body too', async () => {
    const response = await call(`${rt.api}/auth/token`, {
      method: 'POST',
      body: {
        grant_type: 'client_credentials',
        client_id: 'demo-integrator',
        client_secret: rt.integratorSecret,
      },
    });
    expect(response.status).toBe(200);
    expect(typeof response.body.access_token).toBe('string');
  });

  it('answers as RFC 6749 says: invalid_client (401) for a wrong secret, unsupported_grant_type (400) otherwise', async () => {
    const wrong = await fetch(
      `${rt.api}/auth/token`,
      form({ grant_type: 'client_credentials', client_id: 'demo-integrator', client_secret: 'wrong' }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });

    const grant = await fetch(
      `${rt.api}/auth/token`,
      form({ grant_type: 'password' }, { authorization: basic('demo-integrator', rt.integratorSecret) }),
    );
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });

    const missing = await fetch(`${rt.api}/auth/token`, form({}));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });
});
