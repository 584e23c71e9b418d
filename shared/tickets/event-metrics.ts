import type { FilterPattern, StreamChange } from '#platform/stream.js';
import { notificationEntity } from '#platform/table/notification.js';
import { deliveryEntity } from '#platform/table/webhook.js';
import type { Message, TicketEvent } from './schemas.js';

/**
 * The business metrics of the product (CloudWatch namespace `Helpdesk`), counted from the change
 * stream by the metrics consumer (functions/stream/metrics.ts) and drawn by the operations
 * dashboard (infra/constructs/operations.ts). Counting is at least once: a retried stream
 * batch may count a change twice, which a dashboard of rates tolerates.
 */
export const businessMetrics = {
  namespace: 'Helpdesk',
  tickets: ['TicketCreated', 'TicketResolved', 'TicketClosed', 'TicketReopened', 'MessagePosted'],
  sla: ['SlaReminderSent', 'SlaBreached', 'SlaEscalated', 'TicketRequeued', 'TicketAutoClosed'],
  delivery: ['MailFailed', 'WebhookDelivered', 'WebhookFailed'],
} as const;

export type BusinessMetric =
  | (typeof businessMetrics.tickets)[number]
  | (typeof businessMetrics.sla)[number]
  | (typeof businessMetrics.delivery)[number];

/** One count of a metric, with the dimensions that tell its kinds apart. */
export interface MetricCount {
  name: BusinessMetric;
  dimensions?: Record<string, string>;
}

const byType: Partial<Record<string, BusinessMetric>> = {
  'ticket.created': 'TicketCreated',
  'ticket.resolved': 'TicketResolved',
  'ticket.accepted': 'TicketClosed',
  'ticket.reopened': 'TicketReopened',
  'sla.reminder': 'SlaReminderSent',
  'sla.escalation': 'SlaEscalated',
  'sla.requeued': 'TicketRequeued',
};

const BREACH_FIELD = 'sla.breaches.';

/** What a ticket event counts as. */
export const metricsOfEvent = (event: TicketEvent): MetricCount[] => {
  if (event.type === 'sla.breached') {
    const clock = event.changes
      .find((change) => change.field.startsWith(BREACH_FIELD))
      ?.field.slice(BREACH_FIELD.length);
    return [{ name: 'SlaBreached', dimensions: { clock: clock ?? 'unknown' } }];
  }
  // Closing by itself is a close too: the dashboard's closed count includes it.
  if (event.type === 'sla.auto-closed') return [{ name: 'TicketAutoClosed' }, { name: 'TicketClosed' }];
  const named = byType[event.type];
  if (named) return [{ name: named }];
  // A client's reply to a proposed solution reopens the ticket as the Reopen button does.
  const reopened = event.changes.some(
    (change) => change.field === 'status' && change.from === 'resolved' && change.to === 'open',
  );
  return reopened ? [{ name: 'TicketReopened' }] : [];
};

/** A posted message counts by channel (web, email, api, phone…); internal notes count as `note`. */
export const metricsOfMessage = (message: Message): MetricCount[] => [
  { name: 'MessagePosted', dimensions: { channel: message.internal ? 'note' : message.channel } },
];

/**
 * The outcomes of deliveries, counted when an item changes into them: a webhook delivery that
 * became `delivered` or `failed` (retries given up), and a mail whose send failed (its
 * notification record released as `failed`; the retry may still send it).
 */
export const deliveryOutcomeFilters: readonly FilterPattern[] = [
  {
    eventName: ['MODIFY'],
    dynamodb: { NewImage: { entity: { S: [deliveryEntity.name] }, status: { S: ['delivered', 'failed'] } } },
  },
  {
    eventName: ['MODIFY'],
    dynamodb: { NewImage: { entity: { S: [notificationEntity.name] }, state: { S: ['failed'] } } },
  },
];

/** What a change of a delivery item counts as: only the change into an outcome counts. */
export const metricsOfDeliveryChange = (change: StreamChange): MetricCount[] => {
  const now = change.newImage;
  const before = change.oldImage;
  if (!now) return [];
  if (now.entity === deliveryEntity.name && now.status !== before?.status) {
    if (now.status === 'delivered') return [{ name: 'WebhookDelivered' }];
    if (now.status === 'failed') return [{ name: 'WebhookFailed' }];
  }
  if (now.entity === notificationEntity.name && now.state === 'failed' && before?.state !== 'failed')
    return [{ name: 'MailFailed', dimensions: { notice: String(now.kind ?? 'unknown') } }];
  return [];
};
