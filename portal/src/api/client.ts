import { ApiError, toProblem } from './problem.js';

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
  location: string | null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  ifMatch?: string | number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Builds `?a=1&b=2` from the defined entries of a query object. */
export const queryString = (query: RequestOptions['query']): string => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The `If-Match` header value for a version: a strong entity tag (`"3"`), as the API's `ETag` carries. */
export const entityTag = (version: string | number): string => {
  const text = String(version);
  return /^(W\/)?".*"$/.test(text) ? text : `"${text}"`;
};

/** Reads the version number out of an `ETag` header (`"3"`, `W/"3"` or `3`). */
export const versionFromEtag = (etag: string | null): number | null => {
  if (!etag) return null;
  const match = /(\d+)/.exec(etag);
  return match?.[1] ? Number(match[1]) : null;
};

/**
 * The one HTTP client of the portal: JSON in and out, bearer token, problem+json errors
 * turned into `ApiError`, asked for in the UI language. `onUnauthenticated` lets the app send the
 * user back to sign-in.
 */
export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: () => string | null,
    private readonly onUnauthenticated: () => void = () => {},
    /** The UI language: the API words its error messages in it. */
    private readonly language: () => string = () => 'en',
  ) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.language(),
      ...options.headers,
    };
    const token = this.token();
    if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = entityTag(options.ifMatch);
    const response = await fetch(`${this.base}${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (!response.ok) {
      if (response.status === 401 && token) this.onUnauthenticated();
      throw new ApiError(toProblem(response.status, response.statusText, body));
    }
    return {
      data: body as T,
      etag: response.headers.get('etag'),
      status: response.status,
      location: response.headers.get('location'),
    };
  }

  /** A file the API sends as an attachment (CSV exports): its bytes and the name it suggests. */
  async download(
    path: string,
    query: RequestOptions['query'],
  ): Promise<{ blob: Blob; fileName: string | null }> {
    const headers: Record<string, string> = { 'accept-language': this.language() };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.base}${path}${queryString(query)}`, { headers });
    if (!response.ok) {
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      if (response.status === 401 && token) this.onUnauthenticated();
      throw new ApiError(toProblem(response.status, response.statusText, body));
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
    return { blob: await response.blob(), fileName };
  }
}
