import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../portal/src/api/client.js';

afterEach(() => vi.unstubAllGlobals());

describe('portal API client', () => {
  it('asks for answers (and error messages) in the UI language', async () => {
    // Arrange
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    let language = 'de';
    const client = new ApiClient(
      '/api/v1',
      () => 'token',
      undefined,
      () => language,
    );

    // Act
    await client.request('/me');
    language = 'et';
    await client.request('/me');

    // Assess
    expect(seen.map((headers) => headers.get('accept-language'))).toEqual(['de', 'et']);
  });
});
