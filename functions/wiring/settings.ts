import type * as z from 'zod';
import { AttachmentSettings } from '#attachments/settings.js';
import { InboundReceiverSettings, InboundSettings } from '#email/settings.js';
import { PublicTokenSettings } from '#identity/public-route-token.js';
import { DirectorySettings } from '#identity/settings.js';
import { MailSettings } from '#notifications/config.js';
import { CursorSettings, TableSettings, variablesOf } from '#platform/config.js';
import { SearchSettings } from '#search/settings.js';
import { EventBridgeSchedulerSettings, SchedulerSettings } from '#sla/settings.js';
import { WebhookSettings } from '#webhooks/settings.js';

/**
 * The settings of each function family: the setting groups its wiring reads at cold start.
 * infra gives every function exactly these variables (`cloudVariablesOf`), the local runtime
 * sets them all; test/platform/function-settings.test.ts loads every entry with only its own.
 */
export const familySettings = {
  /** Routes that touch no data: the OpenAPI document. */
  'api-public': {},
  /** Routes that read or write the table without paging or ticket changes (./api.ts; health: ./health.ts; /me and the article preview: ./signed-in.ts, the account check alone). */
  'api-table': { table: TableSettings },
  /** Routes that return pages: they sign cursors (./api-lists.ts). */
  'api-lists': { table: TableSettings, cursor: CursorSettings },
  /** Routes that change tickets: SLA timers follow the change; mail follows on the stream (./api-changes.ts). */
  'api-changes': { table: TableSettings, scheduler: SchedulerSettings },
  /** The SLA check functions EventBridge Scheduler invokes: they decide and record, the stream mails. */
  'sla-timer': { table: TableSettings, scheduler: SchedulerSettings },
  /** The stream consumer that counts business metrics: it reads nothing but the records. */
  'stream-metrics': {},
  /** The account routes (invite, change): accounts and the Cognito users they keep in step (./accounts.ts). */
  'api-accounts': { table: TableSettings, directory: DirectorySettings },
  /** Cognito's pre-token-generation trigger. */
  'identity-trigger': { table: TableSettings },
  /** Stream consumers that send mail: the requester's change mail (./stream-mail.ts), the SLA notices (./sla-notices.ts). */
  'stream-mail': { table: TableSettings, mail: MailSettings },
  /** The webhook admin routes: the target rules decide which URLs may be registered (./webhooks-admin.ts). */
  'api-webhooks': { table: TableSettings, webhooks: WebhookSettings },
  /** The webhook stream consumer and its retry sweep; mail tells admins about a disabled hook (./webhook-delivery.ts). */
  'webhook-delivery': { table: TableSettings, mail: MailSettings, webhooks: WebhookSettings },
  /** The stream consumer that tells staff of ticket events, in the product and by mail (./agent-notifications.ts). */
  'agent-notifications': { table: TableSettings, mail: MailSettings },
  /** The attachment routes, the upload verification and the malware scan result (./attachments.ts). */
  attachments: { table: TableSettings, attachments: AttachmentSettings },
  /** A public knowledge-base read that checks a bearer token itself (./public-token.ts, docs/kb.md). */
  'api-kb-public': { table: TableSettings, token: PublicTokenSettings },
  /** Routes that search (tickets with `q`, the knowledge base): segments from the bucket (./search.ts, docs/search.md). */
  'api-search': {
    table: TableSettings,
    cursor: CursorSettings,
    search: SearchSettings,
    /** The public knowledge-base routes verify a bearer token themselves (./public-token.ts, docs/kb.md). */
    token: PublicTokenSettings,
  },
  /** The stream consumer that keeps the search index (./search-index.ts). */
  'stream-search': { table: TableSettings, search: SearchSettings },
  /** The inbound-mail function SES invokes and the dead-letter routes: ticket changes, files, the polite answer (./inbound-mail.ts). */
  'inbound-mail': {
    table: TableSettings,
    scheduler: SchedulerSettings,
    mail: MailSettings,
    attachments: AttachmentSettings,
    inbound: InboundSettings,
  },
  /** The kept-mail retry route: the letter from the table, processed by the inbound-mail function it invokes (./inbound-retry.ts). */
  'api-mail-retry': { table: TableSettings, receiver: InboundReceiverSettings },
  /** The reports stream consumer and the rebuild of the report aggregates (./reports.ts). */
  reports: { table: TableSettings },
} as const satisfies Record<string, Record<string, z.ZodType>>;

export type FunctionFamily = keyof typeof familySettings;

/** The variables infra must (required) or may (optional) set: in the cloud the scheduler is EventBridge's. */
export const cloudVariablesOf = (family: FunctionFamily) =>
  variablesOf(
    Object.values(familySettings[family] as Record<string, z.ZodType>).map((group) =>
      group === SchedulerSettings ? EventBridgeSchedulerSettings : group,
    ),
  );
