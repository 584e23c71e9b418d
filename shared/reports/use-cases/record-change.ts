import type { StreamChange } from '#platform/stream.js';
import { Feedback, Ticket } from '#tickets/record-schemas.js';
import type { ReportStore, ReportWrite } from '../ports.js';
import {
  type BusinessSeconds,
  contributionsOfChange,
  contributionsOfFeedback,
  type ReportFact,
} from '../ticket-fact.js';
import { topicsOf } from '../topics.js';

export interface RecordDeps {
  /** Only what counting a change needs: the demo history counts into a bulk store of its own. */
  store: Pick<ReportStore, 'fact' | 'record'>;
  /** Business time under the calendar of the ticket's SLA policy. */
  businessTimeOf: (ticket: Ticket) => Promise<BusinessSeconds>;
}

export type Recorded = 'recorded' | 'already' | 'nothing';

/** The fields of a fact that, changed alone, are worth a write (the tickets export shows them). */
const sameFact = (a: ReportFact, b: ReportFact) =>
  JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });

/**
 * Counts one write of a ticket item (docs/reports.md). Idempotent: the write is identified by
 * the ticket's version (every ticket write moves it), and the store applies a change id once.
 */
export const recordTicketChange = async (
  deps: RecordDeps,
  before: Ticket | null,
  after: Ticket,
): Promise<Recorded> => {
  const known = await deps.store.fact(after.id);
  if (known && known.version >= after.version) return 'already';
  const { fact, contributions } = contributionsOfChange(
    before,
    after,
    known,
    await deps.businessTimeOf(after),
  );
  if (known && contributions.length === 0 && sameFact(known, fact)) return 'nothing';
  const write: ReportWrite = {
    ticketId: after.id,
    changeId: `v${after.version}`,
    fact,
    contributions,
    ...(before
      ? {}
      : {
          topics: {
            day: after.createdAt.slice(0, 10),
            reference: after.reference,
            mentions: topicsOf(after),
          },
        }),
  };
  return deps.store.record(write);
};

/** Counts a rating and lists its comment, once. A ticket older than the reports is left to the rebuild. */
export const recordFeedback = async (deps: RecordDeps, feedback: Feedback): Promise<Recorded> => {
  const known = await deps.store.fact(feedback.ticketId);
  if (!known || known.csat !== null) return known ? 'already' : 'nothing';
  const { fact, contributions } = contributionsOfFeedback(known, feedback);
  return deps.store.record({
    ticketId: feedback.ticketId,
    changeId: 'feedback',
    fact,
    contributions,
    csat: {
      ticketId: feedback.ticketId,
      reference: known.reference,
      rating: feedback.rating,
      comment: feedback.comment,
      createdAt: feedback.createdAt,
      agentId: known.agentId,
      agentName: known.agentName,
      orgId: known.orgId,
      queue: known.queue,
      priority: known.priority,
      category: known.category,
    },
  });
};

/** A change on the table's stream: a ticket item written, or a rating given. */
export const recordStreamChange = async (deps: RecordDeps, change: StreamChange): Promise<Recorded> => {
  const entity = change.newImage?.entity;
  if (entity === 'ticket' && change.newImage) {
    const after = Ticket.parse(change.newImage);
    const before = change.eventName === 'INSERT' || !change.oldImage ? null : Ticket.parse(change.oldImage);
    return recordTicketChange(deps, before, after);
  }
  if (entity === 'feedback' && change.eventName === 'INSERT' && change.newImage)
    return recordFeedback(deps, Feedback.parse(change.newImage));
  return 'nothing';
};
