import { requesterMailEvents } from '#notifications/change-mail.js';
import { type FilterPattern, insertsOf } from '#platform/stream.js';
import { kbArticleEntity } from '#platform/table/kb-article.js';
import { messageEntity, ticketEntity } from '#platform/table/ticket.js';
import { reportConsumerFilters } from '#reports/stream-filters.js';
import { slaNoticeEventTypes } from '#sla/notice-record.js';
import { reapplyJobFilters } from '#sla/policy-impact.js';
import { ticketEventInserts } from '#tickets/change-events.js';
import { deliveryOutcomeFilters } from '#tickets/event-metrics.js';
import { webhookConsumerFilters } from '#webhooks/events.js';
import type { FunctionFamily } from '../wiring/settings.js';

/**
 * Every consumer of the table's change stream (docs/change-events.md). infra gives each one a
 * Lambda function with an event source mapping (its filters as filter criteria, the retry
 * settings below, an SQS dead-letter queue); the local runtime's poller (local/stream-poller.ts)
 * hands each the same batches with the same retries. One module per consumer
 * (`functions/stream/<name>.ts`, exporting `handler`, a `streamConsumer`).
 */
export interface StreamConsumer {
  /** Short and unique: names the function, its checkpoints and its dead letters. */
  name: string;
  /** The handler module, from the repository root without extension. */
  module: string;
  /** Which settings its wiring reads (functions/wiring/settings.ts). */
  family: FunctionFamily;
  /** A record reaches the consumer when it matches one of these (Lambda filter criteria). */
  filters: readonly FilterPattern[];
  /** What it does, for the function's description. */
  description: string;
  /** Records per invocation (default 25). */
  batchSize?: number;
  /** What the consumer writes beyond reading the table (infra grants exactly this). */
  writes?: 'table';
}

/**
 * How a failing batch is retried, the same in the cloud (event source mapping) and locally:
 * the batch is split in two on error (bisect), each record is tried at most
 * 1 + `maximumRetryAttempts` times, then its position goes to the dead-letter queue and the
 * shard moves on.
 */
export const streamRetry = {
  maximumRetryAttempts: 4,
  bisectBatchOnError: true,
  /** Older records go to the dead-letter queue unprocessed (a consumer down for a day). */
  maximumRecordAgeSeconds: 24 * 60 * 60,
  /** The local poller waits this long before retrying a failed batch, doubling each time. */
  firstRetryDelayMs: 200,
} as const;

export const DEFAULT_BATCH_SIZE = 25;

export const streamConsumers: readonly StreamConsumer[] = [
  {
    name: 'metrics',
    module: 'functions/stream/metrics',
    family: 'stream-metrics',
    filters: [ticketEventInserts(), insertsOf(messageEntity.name), ...deliveryOutcomeFilters],
    description:
      'counts ticket activity and the outcomes of mails and webhook deliveries as CloudWatch metrics (namespace Helpdesk)',
    batchSize: 100,
  },
  {
    name: 'mail',
    module: 'functions/stream/mail',
    family: 'stream-mail',
    filters: [ticketEventInserts(requesterMailEvents)],
    description:
      'mails the requester what a ticket change causes (acknowledgement, reply, solution, auto-close)',
    writes: 'table',
  },
  {
    name: 'sla-notices',
    module: 'functions/stream/sla-notices',
    family: 'stream-mail',
    filters: [ticketEventInserts(slaNoticeEventTypes)],
    description: 'mails the SLA notices the checks recorded (reminders, escalations, re-queues, auto-closes)',
    // Handled side by side within a batch: a burst of 5,000 escalations is 50 batches.
    batchSize: 100,
    writes: 'table',
  },
  {
    name: 'webhooks',
    module: 'functions/stream/webhooks',
    family: 'webhook-delivery',
    filters: webhookConsumerFilters,
    description: 'POSTs ticket events to the registered webhooks, signed (docs/webhooks.md)',
    // Records are handled in order, each waiting up to 10 s for its hooks (in parallel): 5 records
    // stay within the consumer functions' 60 s timeout.
    batchSize: 5,
    writes: 'table',
  },
  {
    name: 'agent-notifications',
    module: 'functions/stream/agent-notifications',
    family: 'agent-notifications',
    filters: [
      ticketEventInserts([
        'ticket.created',
        'ticket.updated',
        'message.added',
        'note.added',
        'ticket.reopened',
      ]),
    ],
    description: 'Tells staff of new tickets, client replies, reopens, assignments and mentions',
    writes: 'table',
  },
  {
    name: 'search-index',
    module: 'functions/stream/search-index',
    family: 'stream-search',
    filters: [
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: [ticketEntity.name] } } } },
      insertsOf(messageEntity.name),
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: [kbArticleEntity.name] } } } },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: [kbArticleEntity.name] } } } },
      // A deleted ticket leaves the index (DELETE /tickets/{id}).
      { eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: [ticketEntity.name] } } } },
    ],
    description:
      'keeps the full-text search indexes of tickets and knowledge-base articles (segments in the bucket, docs/search.md)',
    // One rewrite per segment per batch: bigger batches, fewer rewrites.
    batchSize: 100,
    writes: 'table',
  },
  {
    name: 'reports',
    module: 'functions/stream/reports',
    family: 'reports',
    filters: reportConsumerFilters,
    description:
      'keeps the report aggregates: counters and duration histograms per hour, ratings, topics (docs/reports.md)',
    batchSize: 100,
    writes: 'table',
  },
  {
    name: 'automation',
    module: 'functions/stream/automation',
    family: 'sla-timer',
    filters: [ticketEventInserts(['message.added', 'sla.escalation', 'sla.breached', 'ticket.idle'])],
    description:
      'runs the automation rules of new messages, at-risk escalations, breaches and idle tickets (docs/automation.md)',
    writes: 'table',
  },
  {
    name: 'automation-actions',
    module: 'functions/stream/automation-actions',
    family: 'stream-mail',
    filters: [ticketEventInserts(['automation.requested'])],
    description:
      'sends the mails automation rules ask for, once per rule application (docs/automation.md; their webhook calls: webhooks)',
    writes: 'table',
  },
  {
    name: 'sla-reapply',
    module: 'functions/stream/sla-reapply',
    family: 'sla-timer',
    filters: reapplyJobFilters,
    description: 're-applies a saved SLA policy list to the open tickets, 25 tickets per step (docs/sla.md)',
    // One job step per record: each step writes the job again, which is the next record.
    batchSize: 1,
    writes: 'table',
  },
  {
    name: 'ticket-erasure',
    module: 'functions/stream/ticket-erasure',
    family: 'attachments',
    filters: [{ eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: [ticketEntity.name] } } } }],
    description:
      'erases what a deleted ticket leaves: its files under t/<ticketId>/ and the rest of its partition (docs/change-events.md)',
    // A ticket's remains take a few pages of deletes each: few records per invocation.
    batchSize: 5,
    writes: 'table',
  },
];
