import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { loggedEntry } from '#platform/logger.js';
import { messageEntity } from '#platform/table/ticket.js';
import { ticketEventOf } from '#tickets/change-events.js';
import {
  type MetricCount,
  metricsOfDeliveryChange,
  metricsOfEvent,
  metricsOfMessage,
} from '#tickets/event-metrics.js';
import { Message } from '#tickets/record-schemas.js';
import { metrics } from '../wiring/metrics.js';
import { streamConsumer } from '../wiring/stream.js';

const count = ({ name, dimensions }: MetricCount) => {
  if (!dimensions) {
    metrics.addMetric(name, MetricUnit.Count, 1);
    return;
  }
  // Each dimension set is its own metric document.
  const single = metrics.singleMetric();
  for (const [dimension, value] of Object.entries(dimensions)) single.addDimension(dimension, value);
  single.addMetric(name, MetricUnit.Count, 1);
};

const consume = streamConsumer('metrics', async (change) => {
  const event = ticketEventOf(change);
  if (event) {
    for (const metric of metricsOfEvent(event)) count(metric);
    return;
  }
  if (change.eventName === 'INSERT' && change.newImage?.entity === messageEntity.name) {
    for (const metric of metricsOfMessage(Message.parse(change.newImage))) count(metric);
    return;
  }
  for (const metric of metricsOfDeliveryChange(change)) count(metric);
});

/**
 * Counts ticket activity from the change stream (docs/change-events.md): ticket events, posted
 * messages, and the outcomes of webhook deliveries and mails.
 */
export const handler = loggedEntry(async (event: DynamoDBStreamEvent, context) => {
  try {
    return await consume(event, context as Context);
  } finally {
    metrics.publishStoredMetrics();
  }
});
