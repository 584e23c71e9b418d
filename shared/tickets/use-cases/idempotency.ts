import { createHash } from 'node:crypto';
import { Unprocessable } from '#platform/errors.js';
import type { IdempotencyRecord } from '../ports.js';

/** How long an Idempotency-Key (of a create or a reply) is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** JSON with sorted keys and no undefined values: the same body always hashes the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const hashBody = (body: unknown): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

/** The same key with another request (another body, or another kind of request) is the caller's mistake. */
export const keyReusedElsewhere = () =>
  new Unprocessable('This Idempotency-Key was already used with a different request body', [
    { path: 'Idempotency-Key', message: 'Use a new key for a different request' },
  ]);

/** The record a change writes in its own transaction, so the key binds exactly when the change exists. */
export const idempotencyRecord = (
  fields: Omit<IdempotencyRecord, 'expiresAt'>,
  now: Date,
): IdempotencyRecord => ({
  ...fields,
  expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
});
