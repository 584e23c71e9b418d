import { createHmac, timingSafeEqual } from 'node:crypto';
import { Invalid } from './errors.js';

/**
 * Opaque, tamper-evident page cursors: the DynamoDB LastEvaluatedKey plus a fingerprint of
 * the query it belongs to, signed with HMAC-SHA256. A forged, altered or foreign cursor is a 400.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('The cursor secret must be at least 16 characters');
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  encode(key: Record<string, unknown> | undefined, fingerprint: string): string | null {
    if (!key) return null;
    const payload = Buffer.from(JSON.stringify({ k: key, f: fingerprint })).toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  decode(cursor: string | undefined, fingerprint: string): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const invalid = () =>
      new Invalid('The cursor is not valid for this list', [
        {
          path: 'cursor',
          message: 'Use the nextCursor of the previous page, unchanged, with the same filters',
        },
      ]);
    const [payload, signature] = cursor.split('.');
    if (!payload || !signature) throw invalid();
    const expected = this.sign(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!parsed || typeof parsed !== 'object') throw invalid();
    const { k, f } = parsed as { k?: unknown; f?: unknown };
    if (f !== fingerprint || !k || typeof k !== 'object') throw invalid();
    return k as Record<string, unknown>;
  }
}

/** What a store needs of page cursors; `CursorCodec` in functions that list, `noCursors` elsewhere. */
export type PageCursors = Pick<CursorCodec, 'encode' | 'decode'>;

/**
 * For functions that never page (writes, SLA checks): they are given no CURSOR_SECRET, so a
 * list reached by mistake fails loudly instead of signing cursors with a key nobody shares.
 */
const NO_CURSORS =
  'This function has no CURSOR_SECRET: only the list functions page (functions/wiring/api-lists.ts)';

export const noCursors: PageCursors = {
  encode: (key) => {
    if (key === undefined) return null;
    throw new Error(NO_CURSORS);
  },
  decode: (cursor) => {
    if (cursor === undefined) return undefined;
    throw new Error(NO_CURSORS);
  },
};
