import * as z from 'zod';
import { optionalText } from '#platform/config.js';
import { type RetryPolicy, retryPolicy } from './delivery.js';
import type { TargetRules } from './targets.js';

export const webhookEnvNames = {
  allowLocalTargets: 'WEBHOOK_ALLOW_LOCAL_TARGETS',
  firstRetryDelayMs: 'WEBHOOK_RETRY_FIRST_DELAY_MS',
  hookCacheMs: 'WEBHOOK_HOOK_CACHE_MS',
} as const;

export interface WebhookConfig {
  targets: TargetRules;
  retry: RetryPolicy;
  /** How long a delivering container reuses the hook list. */
  hookCacheMs: number;
}

const milliseconds = (name: string, fallback: number) =>
  optionalText().transform((value, context) => {
    if (value === null) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
      context.addIssue({ code: 'custom', message: `${name} must be a whole number of milliseconds` });
      return z.NEVER;
    }
    return parsed;
  });

/**
 * The webhook settings. Every one has a safe default, the cloud's: https and public addresses
 * only, retries from 1 minute, hooks cached 30 s. The local runtime sets
 * WEBHOOK_ALLOW_LOCAL_TARGETS=true (receivers on the laptop); tests shorten the delays.
 */
export const WebhookSettings = z
  .object({
    [webhookEnvNames.allowLocalTargets]: z
      .enum(['true', 'false'], { error: `${webhookEnvNames.allowLocalTargets} must be true or false` })
      .optional(),
    [webhookEnvNames.firstRetryDelayMs]: milliseconds(webhookEnvNames.firstRetryDelayMs, 60_000),
    [webhookEnvNames.hookCacheMs]: milliseconds(webhookEnvNames.hookCacheMs, 30_000),
  })
  .transform(
    (env): WebhookConfig => ({
      targets: { allowLocal: env[webhookEnvNames.allowLocalTargets] === 'true' },
      retry: retryPolicy(Math.max(1, env[webhookEnvNames.firstRetryDelayMs])),
      hookCacheMs: env[webhookEnvNames.hookCacheMs],
    }),
  );
