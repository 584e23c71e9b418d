import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_REGION, localCredentials } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { startS3Server } from '#local/s3.js';
import { S3Bucket, S3Error } from '#platform/adapters/s3-bucket.js';

const cloudEnv = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
};

describe('S3Bucket in the cloud', () => {
  const bucket = new S3Bucket({ bucket: 'helpdesk-attachments-abc', env: cloudEnv });

  it('lists a prefix page by page with ListObjectsV2 continuation tokens', async () => {
    // S3's answers, as documented; the local S3 server fails on truncated v2 listings.
    const pages: Record<string, string> = {
      '': '<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>t/01A/1</Key></Contents><Contents><Key>t/01A/2 &amp; 3</Key></Contents><NextContinuationToken>tok/en+1=</NextContinuationToken></ListBucketResult>',
      'tok/en+1=':
        '<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>t/01A/4</Key></Contents></ListBucketResult>',
    };
    const asked: URL[] = [];
    vi.stubGlobal('fetch', async (input: Request | string) => {
      const url = new URL(typeof input === 'string' ? input : input.url);
      asked.push(url);
      return new Response(pages[url.searchParams.get('continuation-token') ?? ''] ?? '', { status: 200 });
    });
    try {
      const first = await bucket.list('t/01A/');
      expect(first).toEqual({ keys: ['t/01A/1', 't/01A/2 & 3'], next: 'tok/en+1=' });
      expect(await bucket.list('t/01A/', first.next ?? undefined)).toEqual({ keys: ['t/01A/4'], next: null });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(asked[0]?.origin).toBe('https://helpdesk-attachments-abc.s3.eu-central-1.amazonaws.com');
    expect(asked[0]?.pathname).toBe('/');
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toMatchObject({
      'list-type': '2',
      prefix: 't/01A/',
    });
    expect(asked[1]?.searchParams.get('continuation-token')).toBe('tok/en+1=');
  });

  it('presigns a virtual-hosted URL that binds the type and length of an upload and carries the session token', async () => {
    const url = new URL(
      await bucket.presign({
        method: 'PUT',
        key: 't/01J/01K report (1).pdf',
        expiresInSeconds: 300,
        signingDate: new Date('2026-12-02T10:30:00.000Z'),
        headers: { 'content-type': 'application/pdf', 'content-length': '1234' },
        query: { 'x-amz-tagging': 'pending=true' },
      }),
    );
    expect(url.origin).toBe('https://helpdesk-attachments-abc.s3.eu-central-1.amazonaws.com');
    expect(url.pathname).toBe('/t/01J/01K%20report%20%281%29.pdf');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'x-amz-tagging': 'pending=true',
      'X-Amz-Expires': '300',
      'X-Amz-Date': '20261202T103000Z',
      'X-Amz-Security-Token': 'session-token',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20261202/eu-central-1/s3/aws4_request',
      'X-Amz-SignedHeaders': 'content-length;content-type;host',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses to sign without credentials in the environment', async () => {
    const unsigned = new S3Bucket({ bucket: 'b', env: { AWS_REGION: 'eu-central-1' } });
    await expect(
      unsigned.presign({ method: 'GET', key: 'k', expiresInSeconds: 60, signingDate: new Date() }),
    ).rejects.toThrow(/no region or credentials/);
  });
});

describe('S3Bucket against the local S3 server', () => {
  const name = 's3-bucket-test';
  let directory: string;
  let server: Awaited<ReturnType<typeof startS3Server>>;
  let bucket: S3Bucket;
  const env = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 's3-bucket-'));
    server = await startS3Server({
      port: await freePort(),
      directory,
      bucket: name,
      corsOrigins: ['*'],
      onObjectCreated: async () => {},
    });
    bucket = new S3Bucket({ bucket: name, endpoint: server.endpoint, env });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores, reads whole and in part, describes and deletes an object whose key needs encoding', async () => {
    const key = 'search/org a/ü+1.json.gz';
    const bytes = new TextEncoder().encode('0123456789');
    await bucket.put(key, bytes, 'application/gzip');
    expect(await bucket.get(key)).toEqual(bytes);
    expect(new TextDecoder().decode(await bucket.get(key, 4))).toBe('0123');
    expect(await bucket.head(key)).toEqual({ size: 10 });
    await bucket.delete(key);
    expect(await bucket.head(key)).toBeNull();
    const missing = await bucket.get(key).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(S3Error);
    expect(missing).toMatchObject({ name: 'NoSuchKey', status: 404 });
  });

  it('lists the keys under a prefix, and none of another prefix', async () => {
    const keys = ['t/01LIST/a', 't/01LIST/b (2) & c.png', 't/01LIST/c'];
    for (const key of [...keys, 't/01LISTX/other', 'search/t/01LIST/not']) {
      await bucket.put(key, new Uint8Array([1]), 'application/octet-stream');
    }
    expect(await bucket.list('t/01LIST/')).toEqual({ keys, next: null });
    expect(await bucket.list('t/01NONE/')).toEqual({ keys: [], next: null });
  });

  it('reads and replaces tags (values of the characters S3 allows in tags)', async () => {
    const key = 't/tags';
    await bucket.put(key, new Uint8Array([1, 2, 3]), 'application/octet-stream');
    await bucket.putTags(key, [
      { key: 'pending', value: 'true' },
      { key: 'scan-result', value: 'NO THREATS_FOUND a+b=c/d@e:f.' },
    ]);
    expect(await bucket.tags(key)).toEqual([
      { key: 'pending', value: 'true' },
      { key: 'scan-result', value: 'NO THREATS_FOUND a+b=c/d@e:f.' },
    ]);
    await bucket.putTags(key, []);
    expect(await bucket.tags(key)).toEqual([]);
  });

  it('presigns a download the server honours, and one it refuses once expired', async () => {
    const key = 't/presigned.txt';
    await bucket.put(key, new TextEncoder().encode('hello'), 'text/plain');
    const fresh = await bucket.presign({
      method: 'GET',
      key,
      expiresInSeconds: 60,
      signingDate: new Date(),
      query: { 'response-content-disposition': 'attachment; filename="hello.txt"' },
    });
    const ok = await fetch(fresh);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello');
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="hello.txt"');
    const stale = await bucket.presign({
      method: 'GET',
      key,
      expiresInSeconds: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    expect((await fetch(stale)).status).toBe(403);
  });
});
