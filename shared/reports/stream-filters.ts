import { type FilterPattern, insertsOf } from '#platform/stream.js';
import { feedbackEntity, ticketEntity } from '#platform/table/ticket.js';

/** What the reports consumer reads of the stream: every write of a ticket item, every rating. */
export const reportConsumerFilters: readonly FilterPattern[] = [
  { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: [ticketEntity.name] } } } },
  insertsOf(feedbackEntity.name),
];
