import * as z from 'zod';
import { envNames, requiredText } from '#platform/config.js';
import { type SlaCheckKind, slaCheckKinds } from './payload.js';

const TargetArns = /* @__PURE__ */ z.object(
  Object.fromEntries(slaCheckKinds.map((kind) => [kind, z.string().startsWith('arn:')])) as Record<
    SlaCheckKind,
    z.ZodString
  >,
);

const targetArns = requiredText(envNames.slaTargetArns).transform((raw, context) => {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    context.addIssue({
      code: 'custom',
      message: `${envNames.slaTargetArns} must be a JSON object of SLA function ARNs by check kind`,
    });
    return z.NEVER;
  }
  const targets = TargetArns.safeParse(json);
  if (!targets.success) {
    context.addIssue({
      code: 'custom',
      message: `${envNames.slaTargetArns} needs a function ARN for each of ${slaCheckKinds.join(', ')}: ${targets.error.message}`,
    });
    return z.NEVER;
  }
  return targets.data;
});

/** The cloud: EventBridge Scheduler, with what the CDK app sets (infra/constructs/sla-timers.ts). */
export const EventBridgeSchedulerSettings = /* @__PURE__ */ z.object({
  [envNames.schedulerMode]: z.literal('eventbridge'),
  [envNames.scheduleGroup]: requiredText(envNames.scheduleGroup),
  [envNames.schedulerRoleArn]: requiredText(envNames.schedulerRoleArn),
  [envNames.slaTargetArns]: targetArns,
  [envNames.slaDeadLetterArn]: requiredText(envNames.slaDeadLetterArn),
});

/** `npm start` and the tests: the local runtime provides the table-backed scheduler. */
export const LocalSchedulerSettings = /* @__PURE__ */ z.object({
  [envNames.schedulerMode]: z.literal('local'),
});

export type SchedulerSettings =
  | {
      mode: 'eventbridge';
      groupName: string;
      roleArn: string;
      targetArns: Record<SlaCheckKind, string>;
      deadLetterArn: string;
    }
  | { mode: 'local' };

/**
 * Which scheduler arms the SLA timers. There is no default: a function without SCHEDULER_MODE
 * fails its cold start rather than pick a scheduler whose timers would never fire.
 */
export const SchedulerSettings = /* @__PURE__ */ z
  .discriminatedUnion(envNames.schedulerMode, [EventBridgeSchedulerSettings, LocalSchedulerSettings], {
    error: `${envNames.schedulerMode} must be 'eventbridge' (the cloud) or 'local' (npm start)`,
  })
  .transform((env): SchedulerSettings => {
    if (!(envNames.scheduleGroup in env)) return { mode: 'local' };
    return {
      mode: 'eventbridge',
      groupName: env[envNames.scheduleGroup],
      roleArn: env[envNames.schedulerRoleArn],
      targetArns: env[envNames.slaTargetArns],
      deadLetterArn: env[envNames.slaDeadLetterArn],
    };
  });
