import { createHash } from 'node:crypto';
import { AwsClient, AwsV4Signer } from 'aws4fetch';

/**
 * One S3 bucket through signed HTTPS requests (aws4fetch, a few KB) instead of the SDK's S3
 * client (about 200 KB of bundle with its checksums and presigner): the functions that touch
 * the bucket (attachments, search segments, inbound mail) stay within their bundle budget and
 * start faster (docs/performance.md). It speaks only what the product uses: objects, ranges,
 * tags, and presigned URLs in S3's query-string SigV4 form. Virtual-hosted URLs in the cloud,
 * path-style on the local S3 server.
 */

export interface S3BucketOptions {
  bucket: string;
  /** The local S3 server's endpoint (path-style); S3's regional endpoint when absent. */
  endpoint?: string | null;
  /** Where the region and the credentials come from: Lambda's (or the local runtime's) environment. */
  env?: Record<string, string | undefined>;
  /** Attempts on a 5xx or 429 answer (the SDK's standard mode makes 3). */
  retries?: number;
}

/** An error answer of S3, named by its code (`NoSuchKey`, `AccessDenied`, `NotFound` for a HEAD). */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Query-string SigV4's date form: 20261202T103000Z. */
const amzDate = (date: Date) => date.toISOString().replace(/[:-]|\.\d{3}/g, '');

/** Each segment of a key encoded once, `/` kept (S3 signs the path as sent). */
const encodeKey = (key: string) =>
  key
    .split('/')
    .map((part) =>
      encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');

const xmlEscape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const xmlUnescape = (value: string) =>
  value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const elements = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((match) => match[1] ?? '');

export interface Tag {
  key: string;
  value: string;
}

export class S3Bucket {
  private readonly env: Record<string, string | undefined>;
  private client: AwsClient | undefined;

  constructor(private readonly options: S3BucketOptions) {
    this.env = options.env ?? process.env;
  }

  /** Credentials are read on first use: a Lambda's are in its environment from the start. */
  private credentials() {
    const region = this.env.AWS_REGION ?? this.env.AWS_DEFAULT_REGION;
    const accessKeyId = this.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = this.env.AWS_SECRET_ACCESS_KEY;
    if (!region || !accessKeyId || !secretAccessKey)
      throw new Error('S3: no region or credentials in the environment');
    return {
      region,
      accessKeyId,
      secretAccessKey,
      ...(this.env.AWS_SESSION_TOKEN ? { sessionToken: this.env.AWS_SESSION_TOKEN } : {}),
    };
  }

  private aws(): AwsClient {
    this.client ??= new AwsClient({
      ...this.credentials(),
      service: 's3',
      retries: this.options.retries ?? 3,
    });
    return this.client;
  }

  /** The object's URL, with `query` (its values unencoded). */
  url(key: string, query: Record<string, string> = {}): URL {
    const { bucket, endpoint } = this.options;
    const url = endpoint
      ? new URL(`${endpoint.replace(/\/$/, '')}/${bucket}/${encodeKey(key)}`)
      : new URL(`https://${bucket}.s3.${this.credentials().region}.amazonaws.com/${encodeKey(key)}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /**
   * A presigned URL: whoever holds it may send `method` to the object until it expires, with
   * exactly the `headers` given (they are signed: a different content type or length is refused).
   * `query` carries what S3 takes from the URL (`x-amz-tagging`, `response-content-disposition`…).
   */
  async presign(input: {
    method: 'GET' | 'PUT';
    key: string;
    expiresInSeconds: number;
    signingDate: Date;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  }): Promise<string> {
    const url = this.url(input.key, { ...input.query, 'X-Amz-Expires': String(input.expiresInSeconds) });
    const signer = new AwsV4Signer({
      ...this.credentials(),
      service: 's3',
      method: input.method,
      url: url.toString(),
      headers: input.headers ?? {},
      datetime: amzDate(input.signingDate),
      signQuery: true,
      allHeaders: true,
    });
    const signed = await signer.sign();
    return signed.url.toString();
  }

  /** One signed request; an error answer throws an `S3Error` named by S3's code. */
  private async send(
    method: 'GET' | 'PUT' | 'HEAD' | 'DELETE',
    key: string,
    init: {
      query?: Record<string, string>;
      headers?: Record<string, string>;
      body?: Uint8Array | string;
    } = {},
  ): Promise<Response> {
    const response = await this.aws().fetch(this.url(key, init.query).toString(), {
      method,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
    });
    if (response.ok) return response;
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    const code =
      elements(text, 'Code')[0] ?? (response.status === 404 ? 'NotFound' : `Http${response.status}`);
    const message = elements(text, 'Message')[0] ?? `S3 answered ${response.status} to ${method} ${key}`;
    throw new S3Error(code, response.status, message);
  }

  /** The object's bytes (or its first `firstBytes`); a missing key throws `NoSuchKey`. */
  async get(key: string, firstBytes?: number): Promise<Uint8Array> {
    const response = await this.send('GET', key, {
      ...(firstBytes !== undefined ? { headers: { range: `bytes=0-${firstBytes - 1}` } } : {}),
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The object's size, or null when there is none. */
  async head(key: string): Promise<{ size: number } | null> {
    try {
      const response = await this.send('HEAD', key);
      return { size: Number(response.headers.get('content-length') ?? 0) };
    } catch (error) {
      if (error instanceof S3Error && error.status === 404) return null;
      throw error;
    }
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, { body, headers: { 'content-type': contentType } });
    await response.body?.cancel();
  }

  /** Deletes the object; deleting what is not there succeeds, as in S3. */
  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    await response.body?.cancel();
  }

  /**
   * One page (at most 1,000) of the keys under `prefix`, with the token of the next page or null
   * (ListObjectsV2).
   */
  async list(prefix: string, continuationToken?: string): Promise<{ keys: string[]; next: string | null }> {
    const response = await this.send('GET', '', {
      query: {
        'list-type': '2',
        prefix,
        ...(continuationToken ? { 'continuation-token': continuationToken } : {}),
      },
    });
    const xml = await response.text();
    const keys = elements(xml, 'Contents').map((entry) => xmlUnescape(elements(entry, 'Key')[0] ?? ''));
    const truncated = elements(xml, 'IsTruncated')[0] === 'true';
    const next = elements(xml, 'NextContinuationToken')[0];
    return { keys, next: truncated && next ? xmlUnescape(next) : null };
  }

  async tags(key: string): Promise<Tag[]> {
    const response = await this.send('GET', key, { query: { tagging: '' } });
    return elements(await response.text(), 'Tag').map((tag) => ({
      key: xmlUnescape(elements(tag, 'Key')[0] ?? ''),
      value: xmlUnescape(elements(tag, 'Value')[0] ?? ''),
    }));
  }

  /** Replaces the object's tags (S3 requires the body's MD5 with this request). */
  async putTags(key: string, tags: Tag[]): Promise<void> {
    const body = `<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>${tags
      .map((tag) => `<Tag><Key>${xmlEscape(tag.key)}</Key><Value>${xmlEscape(tag.value)}</Value></Tag>`)
      .join('')}</TagSet></Tagging>`;
    const response = await this.send('PUT', key, {
      query: { tagging: '' },
      body,
      headers: {
        'content-type': 'application/xml',
        'content-md5': createHash('md5').update(body).digest('base64'),
      },
    });
    await response.body?.cancel();
  }
}
