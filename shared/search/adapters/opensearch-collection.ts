import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { TicketSearchCluster } from '../opensearch.js';
import {
  addedMappings,
  bulkIndexBody,
  type ClusterTicketDocument,
  TICKETS_INDEX,
  ticketIndexBody,
} from '../opensearch.js';

export interface OpenSearchCollectionOptions {
  /** The collection's endpoint (`https://<id>.<region>.aoss.amazonaws.com`). */
  endpoint: string;
  /** Where the region and the credentials come from: Lambda's environment. */
  env?: Record<string, string | undefined>;
  /** Attempts on a 5xx or 429 answer. */
  retries?: number;
}

/** An error answer of the collection, with OpenSearch's error type when it gave one. */
export class OpenSearchError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'OpenSearchError';
  }
}

interface SearchAnswer {
  hits?: { hits?: { _id: string }[] };
}

interface BulkAnswer {
  errors?: boolean;
  items?: Record<string, { _id?: string; status?: number; error?: { type?: string; reason?: string } }>[];
}

const sha256 = (body: string): string => createHash('sha256').update(body).digest('hex');

/**
 * One OpenSearch Serverless collection through SigV4-signed HTTPS (aws4fetch, service `aoss`;
 * no OpenSearch client library: a few KB in the bundle). AOSS wants the body's SHA-256 in
 * `x-amz-content-sha256`, signed with the rest. It speaks only what the ticket search uses:
 * create the index once, bulk-index documents, search ids.
 */
export class OpenSearchCollection implements TicketSearchCluster {
  private readonly env: Record<string, string | undefined>;
  private client: AwsClient | undefined;
  /** The index is created once per container (a lost race with another container is fine). */
  private indexReady: Promise<void> | undefined;

  constructor(private readonly options: OpenSearchCollectionOptions) {
    this.env = options.env ?? process.env;
  }

  private aws(): AwsClient {
    const region = this.env.AWS_REGION ?? this.env.AWS_DEFAULT_REGION;
    const accessKeyId = this.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = this.env.AWS_SECRET_ACCESS_KEY;
    if (!region || !accessKeyId || !secretAccessKey)
      throw new Error('OpenSearch: no region or credentials in the environment');
    this.client ??= new AwsClient({
      region,
      accessKeyId,
      secretAccessKey,
      ...(this.env.AWS_SESSION_TOKEN ? { sessionToken: this.env.AWS_SESSION_TOKEN } : {}),
      service: 'aoss',
      retries: this.options.retries ?? 3,
    });
    return this.client;
  }

  /** One signed request; an error answer throws an `OpenSearchError` (404 included: callers decide). */
  async request(
    method: 'GET' | 'HEAD' | 'PUT' | 'POST',
    path: string,
    body?: { json: unknown } | { ndjson: string },
  ): Promise<unknown> {
    const text = body === undefined ? '' : 'json' in body ? JSON.stringify(body.json) : body.ndjson;
    const headers: Record<string, string> = { 'x-amz-content-sha256': sha256(text) };
    if (body !== undefined)
      headers['content-type'] = 'json' in body ? 'application/json' : 'application/x-ndjson';
    const response = await this.aws().fetch(`${this.options.endpoint.replace(/\/$/, '')}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: text } : {}),
    });
    const answer = method === 'HEAD' ? '' : await response.text();
    if (!response.ok) {
      let type = `Http${response.status}`;
      let reason = `OpenSearch answered ${response.status} to ${method} ${path}`;
      try {
        const error = (JSON.parse(answer) as { error?: { type?: string; reason?: string } }).error;
        type = error?.type ?? type;
        reason = error?.reason ?? reason;
      } catch {
        // Not JSON: the status says enough.
      }
      throw new OpenSearchError(response.status, type, reason);
    }
    return answer ? (JSON.parse(answer) as unknown) : null;
  }

  /**
   * Creates the tickets' index with its analysers and mapping unless it exists; an index that
   * exists gets the fields added since it was created (idempotent: the same mapping again is
   * accepted).
   */
  ensureIndex(): Promise<void> {
    this.indexReady ??= (async () => {
      if (await this.indexExists()) {
        await this.request('PUT', `/${TICKETS_INDEX}/_mapping`, { json: addedMappings() });
        return;
      }
      try {
        await this.request('PUT', `/${TICKETS_INDEX}`, { json: ticketIndexBody() });
      } catch (error) {
        if (!(error instanceof OpenSearchError) || error.type !== 'resource_already_exists_exception')
          throw error;
      }
    })().catch((error: unknown) => {
      this.indexReady = undefined;
      throw error;
    });
    return this.indexReady;
  }

  private async indexExists(): Promise<boolean> {
    try {
      await this.request('HEAD', `/${TICKETS_INDEX}`);
      return true;
    } catch (error) {
      if (error instanceof OpenSearchError && error.status === 404) return false;
      throw error;
    }
  }

  async indexTickets(documents: readonly ClusterTicketDocument[]): Promise<void> {
    await this.ensureIndex();
    const answer = (await this.request('POST', '/_bulk', { ndjson: bulkIndexBody(documents) })) as BulkAnswer;
    if (!answer?.errors) return;
    // The stream retries the whole batch: every document is written whole, so a retry is harmless.
    const failed = (answer.items ?? []).flatMap((item) => Object.values(item)).filter((item) => item.error);
    const first = failed[0];
    throw new OpenSearchError(
      first?.status ?? 500,
      first?.error?.type ?? 'bulk_failure',
      `${failed.length} of ${documents.length} tickets were not indexed: ${first?._id ?? '?'}: ${first?.error?.reason ?? 'unknown'}`,
    );
  }

  /** The ids of a search's hits, in order; an index not created yet holds nothing. */
  async searchIds(body: unknown): Promise<string[]> {
    try {
      const answer = (await this.request('POST', `/${TICKETS_INDEX}/_search`, {
        json: body,
      })) as SearchAnswer;
      return (answer?.hits?.hits ?? []).map((hit) => hit._id);
    } catch (error) {
      if (error instanceof OpenSearchError && error.type === 'index_not_found_exception') return [];
      throw error;
    }
  }
}
