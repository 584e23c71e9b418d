import { describe, expect, it } from 'vitest';
import { CursorCodec, noCursors } from '#platform/cursor.js';

const codec = new CursorCodec('a-cursor-secret-for-tests');
const key = {
  pk: 'TICKET#01J9ZK6Q6Y3M4N5P6Q7R8S9T0V',
  sk: 'MSG#01J9ZK6Q6Y3M4N5P6Q7R8S9T0W',
  gsi1pk: 'ORG#acme',
};

describe('page cursors', () => {
  it('round-trips the table key for the same query', () => {
    const cursor = codec.encode(key, 'query-a');
    expect(cursor).toEqual(expect.any(String));
    expect(codec.decode(cursor ?? undefined, 'query-a')).toEqual(key);
  });

  it('reveals nothing of the table keys it carries', () => {
    const cursor = codec.encode(key, 'query-a') ?? '';
    const decodedParts = cursor
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join(' ');
    expect(decodedParts).not.toMatch(/TICKET|MSG|ORG|acme|query-a|01J9ZK6Q6Y/);
    // Two cursors for the same key differ (a fresh nonce each time).
    expect(codec.encode(key, 'query-a')).not.toBe(cursor);
  });

  it('refuses a cursor of another query, an altered one or one sealed with another key (400 naming the cursor)', () => {
    const cursor = codec.encode(key, 'query-a') ?? '';
    expect(() => codec.decode(cursor, 'query-b')).toThrow(/cursor is not valid/);
    const flipped = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    expect(() => codec.decode(flipped, 'query-a')).toThrow(/cursor is not valid/);
    expect(() => new CursorCodec('another-cursor-secret!!').decode(cursor, 'query-a')).toThrow(
      /cursor is not valid/,
    );
    expect(() => codec.decode('not-a-cursor', 'query-a')).toThrow(/cursor is not valid/);
  });

  it('keeps noCursors refusing to page', () => {
    expect(noCursors.encode(undefined, 'q')).toBeNull();
    expect(() => noCursors.encode(key, 'q')).toThrow(/CURSOR_SECRET/);
  });
});
