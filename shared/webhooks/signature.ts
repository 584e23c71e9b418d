import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
 * random bytes; each message is signed as `v1,` + base64(HMAC-SHA256(key, `<id>.<timestamp>.<body>`))
 * where the key is the secret's decoded bytes and the timestamp is in seconds since the epoch.
 */
const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export const newWebhookSecret = (): string =>
  `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');

export const sign = (secret: string, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;

/** The three headers of a Standard Webhooks message. */
export const signedHeaders = (
  secret: string,
  message: { id: string; body: string },
  now: Date,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, message.id, timestamp, message.body),
  };
};
