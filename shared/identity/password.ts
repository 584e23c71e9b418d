import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** scrypt with a random salt, stored as `scrypt$<salt>$<hash>` (base64url). */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(saltText, 'base64url'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/**
 * A hash of a random password nobody knows: an unknown e-mail (or an account without a
 * password) is checked against it, so the answer takes as long as for a known e-mail and
 * the response time does not tell which e-mails have accounts.
 */
let dummyHash: Promise<string> | undefined;

/** verifyPassword, costing the same when there is no stored hash to check against. */
export const verifyPasswordOrDummy = async (
  password: string,
  stored: string | undefined,
): Promise<boolean> => {
  if (stored) return verifyPassword(password, stored);
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
};
