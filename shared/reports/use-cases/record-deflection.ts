import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden, TooManyRequests } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { ReportStore } from '../ports.js';

/**
 * Deflections (docs/kb.md, docs/reports.md): a client writing a new ticket opened a suggested
 * article and left without submitting. The portal reports each one once; the reports count them
 * per organisation (the `deflections` counter, `totals.deflections` of the overview).
 */

/** More than this many a day from one client is not a person reading articles. */
export const DEFLECTIONS_PER_CLIENT_PER_DAY = 20;

export const DeflectionBody = z
  .strictObject({
    articleId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an article id'),
    sessionKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 letters, digits, - or _')
      .meta({ description: 'Made by the browser when the suggestion was opened: a repeat counts once' }),
  })
  .meta({ id: 'DeflectionBody' });
export type DeflectionBody = z.infer<typeof DeflectionBody>;

export const DeflectionResult = z
  .object({ counted: z.boolean().meta({ description: 'false: this session key was counted before' }) })
  .meta({ id: 'DeflectionResult' });

export const recordDeflection = async (
  deps: { store: Pick<ReportStore, 'recordDeflection'>; clock: Clock },
  caller: Caller,
  body: DeflectionBody,
): Promise<{ counted: boolean }> => {
  if (caller.kind !== 'user' || caller.role !== 'client' || !caller.orgId)
    throw new Forbidden('Only clients of an organisation report deflections');
  const now = deps.clock.now();
  const outcome = await deps.store.recordDeflection({
    userId: caller.id,
    orgId: caller.orgId,
    sessionKey: body.sessionKey,
    at: now.toISOString(),
    dailyCap: DEFLECTIONS_PER_CLIENT_PER_DAY,
  });
  if (outcome === 'capped') {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    throw new TooManyRequests(
      `At most ${DEFLECTIONS_PER_CLIENT_PER_DAY} deflections a day`,
      Math.ceil((midnight - now.getTime()) / 1000),
    );
  }
  return { counted: outcome === 'recorded' };
};
