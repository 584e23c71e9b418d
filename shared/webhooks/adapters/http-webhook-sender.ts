import { lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AttemptResult, resultOfStatus } from '../delivery.js';
import type { HostResolver, WebhookSender } from '../ports.js';
import { addressProblem, literalAddressOf, type TargetRules, urlProblem } from '../targets.js';

/** Standard Webhooks' advice, and the issue's: a receiver answers within 10 s or the attempt failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The system resolver, every address of the host. */
export const dnsResolver: HostResolver = {
  resolve: (host) =>
    new Promise((resolve) =>
      lookup(host, { all: true, verbatim: true }, (error, addresses) =>
        resolve(error ? [] : addresses.map((entry) => entry.address)),
      ),
    ),
};

class RefusedTarget extends Error {
  override name = 'RefusedTarget';
}

/**
 * The connection's own lookup: the addresses are checked where they are used, so a host that
 * resolved to a public address at registration and to 169.254.169.254 now is refused (DNS
 * rebinding), and the socket connects to exactly the address that passed.
 */
const checkedLookup =
  (rules: TargetRules): LookupFunction =>
  (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true, verbatim: true }, (error, entries) => {
      if (error) return callback(error, '', 0);
      const problem = addressProblem(
        entries.map((entry) => entry.address),
        rules,
      );
      if (problem) return callback(new RefusedTarget(problem), '', 0);
      if (options.all) return callback(null, entries);
      const [first] = entries;
      if (!first) return callback(new RefusedTarget('the host does not resolve'), '', 0);
      return callback(null, first.address, first.family);
    });
  };

const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof code === 'string' ? `${code}: ${message}` : message).slice(0, 300);
};

/**
 * POSTs over node:http(s), never following redirects, with a 10 s budget for the whole
 * exchange up to the status line. The response body is read and dropped (at most 64 KB kept
 * in flight by the stream).
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(
    private readonly rules: TargetRules,
    private readonly timeoutMs = DELIVERY_TIMEOUT_MS,
  ) {}

  post(target: string, message: { body: string; headers: Record<string, string> }): Promise<AttemptResult> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return Promise.resolve({ outcome: 'rejected', statusCode: null, error: 'not a URL' });
    }
    const problem = urlProblem(url, this.rules);
    const literal = literalAddressOf(url);
    const refused = problem ?? (literal ? addressProblem([literal], this.rules) : null);
    if (refused) return Promise.resolve({ outcome: 'rejected', statusCode: null, error: refused });

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const settle = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = send(
        url,
        {
          method: 'POST',
          headers: {
            ...message.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(message.body),
            'user-agent': 'helpdesk-webhooks/1',
          },
          lookup: checkedLookup(this.rules),
          agent: false,
        },
        (response: IncomingMessage) => {
          response.resume();
          settle(resultOfStatus(response.statusCode ?? 0));
        },
      );
      const timer = setTimeout(() => {
        request.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      request.on('error', (error) =>
        settle(
          error instanceof RefusedTarget
            ? { outcome: 'rejected', statusCode: null, error: error.message }
            : { outcome: 'retryable', statusCode: null, error: reasonOf(error) },
        ),
      );
      request.end(message.body);
    });
  }
}
