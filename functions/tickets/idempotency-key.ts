import * as z from 'zod';
import { Invalid } from '#platform/errors.js';

const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'Idempotency-Key is 1–255 visible ASCII characters');

/** The request's `Idempotency-Key` header (creates and replies), or undefined; a malformed one is a 400. */
export const idempotencyKeyOf = (headers: Record<string, string | undefined>): string | undefined => {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = IdempotencyKey.safeParse(raw);
  if (!key.success) {
    throw new Invalid('The Idempotency-Key header is invalid', [
      { path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? 'invalid' },
    ]);
  }
  return key.data;
};
