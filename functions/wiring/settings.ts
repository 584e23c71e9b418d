import type * as z from 'zod';
import { MailSettings } from '#notifications/config.js';
import { CursorSettings, TableSettings, variablesOf } from '#platform/config.js';
import { EventBridgeSchedulerSettings, SchedulerSettings } from '#sla/settings.js';

/**
 * The settings of each function family: the setting groups its wiring reads at cold start.
 * infra gives every function exactly these variables (`cloudVariablesOf`), the local runtime
 * sets them all; test/platform/function-settings.test.ts loads every entry with only its own.
 */
export const familySettings = {
  /** Routes that touch no data: the OpenAPI document, /me. */
  'api-public': {},
  /** Routes that read or write the table without paging or ticket changes (./api.ts; health: ./health.ts). */
  'api-table': { table: TableSettings },
  /** Routes that return pages: they sign cursors (./api-lists.ts). */
  'api-lists': { table: TableSettings, cursor: CursorSettings },
  /** Routes that change tickets: mail and SLA timers follow the change (./api-changes.ts). */
  'api-changes': { table: TableSettings, mail: MailSettings, scheduler: SchedulerSettings },
  /** The SLA check functions EventBridge Scheduler invokes. */
  'sla-timer': { table: TableSettings, mail: MailSettings, scheduler: SchedulerSettings },
  /** Cognito's pre-token-generation trigger. */
  'identity-trigger': { table: TableSettings },
  /** The stream consumer that tells staff of ticket events, in the product and by mail (./agent-notifications.ts). */
  'agent-notifications': { table: TableSettings, mail: MailSettings },
} as const satisfies Record<string, Record<string, z.ZodType>>;

export type FunctionFamily = keyof typeof familySettings;

/** The variables infra must (required) or may (optional) set: in the cloud the scheduler is EventBridge's. */
export const cloudVariablesOf = (family: FunctionFamily) =>
  variablesOf(
    Object.values(familySettings[family] as Record<string, z.ZodType>).map((group) =>
      group === SchedulerSettings ? EventBridgeSchedulerSettings : group,
    ),
  );
