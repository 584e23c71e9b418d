import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../portal/src/auth/config.js';
import { authorizeUrl, codeChallenge, hostedUiOrigin, tokenRequestBody } from '../../portal/src/auth/pkce.js';
import { listQueries, readFilters, writeFilters } from '../../portal/src/features/queues/queue-filters.js';
import { formatCountdown } from '../../portal/src/lib/format.js';
import { matchRoute } from '../../portal/src/lib/routes.js';

describe('portal routes and filters', () => {
  it('maps addresses to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'home' });
    expect(matchRoute('/tickets/new')).toEqual({ page: 'newTicket' });
    expect(matchRoute('/tickets/01J0000000000000000000000A/')).toEqual({
      page: 'ticket',
      id: '01J0000000000000000000000A',
    });
    expect(matchRoute('/reports')).toEqual({ page: 'reports' });
    expect(matchRoute('/set-password')).toEqual({ page: 'setPassword' });
    expect(matchRoute('/admin/sla-policies')).toEqual({ page: 'admin', section: 'sla-policies' });
    expect(matchRoute('/admin/')).toEqual({ page: 'admin', section: null });
    expect(matchRoute('/admin/inbound-mail')).toEqual({ page: 'admin', section: 'inbound-mail' });
    expect(matchRoute('/kb/abc/edit')).toEqual({ page: 'kbEdit', id: 'abc' });
    expect(matchRoute('/nope/deeper')).toEqual({ page: 'notFound' });
  });

  it('keeps queue filters in the address and asks for each active status by default, postponed hidden', () => {
    const filters = readFilters('?queue=billing&assignee=me');
    expect(writeFilters(filters)).toBe('?queue=billing&assignee=me');
    expect(listQueries(filters).map((query) => query.status)).toEqual([
      'new',
      'open',
      'answered',
      'pending',
      'on_hold',
    ]);
    expect(listQueries({ ...filters, status: 'postponed' }).map((query) => query.status)).toEqual([
      'postponed',
    ]);
    expect(listQueries({ ...filters, status: 'any' })).toEqual([{ queue: 'billing', assignee: 'me' }]);
  });

  it('keeps a custom field filter in the address and asks the API for it once it has a value', () => {
    const filters = readFilters('?status=any&field=impact%3ASite+down');
    expect(filters.field).toBe('impact:Site down');
    expect(writeFilters(filters)).toBe('?status=any&field=impact%3ASite+down');
    expect(listQueries(filters)).toEqual([{ field: 'impact:Site down' }]);
    // The field picked, its value not yet: the address keeps the choice, the list is not filtered.
    const picked = readFilters('?status=any&field=impact%3A');
    expect(writeFilters(picked)).toBe('?status=any&field=impact%3A');
    expect(listQueries(picked)).toEqual([{}]);
  });

  it('formats a countdown with its two largest units', () => {
    expect(formatCountdown(-(2 * 3600 + 5 * 60 + 7) * 1000, 'en')).toBe('2h 5m');
    expect(formatCountdown(42_000, 'en')).toBe('42s');
  });
});

describe('portal sign-in configuration', () => {
  it('falls back to local sign-in when /config.json says nothing useful', () => {
    expect(parseConfig(null)).toEqual({ auth: 'local', apiBase: '/api/v1' });
    expect(parseConfig({ auth: 'local', apiBase: 'https://api.example/api/v1/' }).apiBase).toBe(
      'https://api.example/api/v1',
    );
  });

  it('refuses a Cognito configuration without client id or domain', () => {
    expect(() => parseConfig({ auth: 'cognito', region: 'eu-central-1' })).toThrow(/clientId and domain/);
  });

  it('computes the PKCE S256 challenge of RFC 7636', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('sends the browser to the Hosted UI with the code flow and PKCE', () => {
    const settings = { domain: 'helpdesk-demo', region: 'eu-central-1', clientId: 'abc123' };
    expect(hostedUiOrigin(settings)).toBe('https://helpdesk-demo.auth.eu-central-1.amazoncognito.com');
    expect(hostedUiOrigin({ ...settings, domain: 'https://login.example.com/' })).toBe(
      'https://login.example.com',
    );
    const url = new URL(
      authorizeUrl(settings, 'https://portal.example/auth/callback', 'state1', 'challenge1'),
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'abc123',
      redirect_uri: 'https://portal.example/auth/callback',
      state: 'state1',
      code_challenge: 'challenge1',
      code_challenge_method: 'S256',
    });
    expect(
      tokenRequestBody(settings, 'code1', 'https://portal.example/auth/callback', 'verifier1').toString(),
    ).toBe(
      'grant_type=authorization_code&client_id=abc123&code=code1&redirect_uri=https%3A%2F%2Fportal.example%2Fauth%2Fcallback&code_verifier=verifier1',
    );
  });
});
