import { DynamoAttachmentStore } from '#attachments/adapters/dynamodb-attachment-store.js';
import { readSettings } from '#platform/config.js';
import type { PullDeps } from '#queues/use-cases/auto-assign.js';
import { SchedulerSettings } from '#sla/settings.js';
import type { TicketDeps, TicketHooks } from '#tickets/use-cases/deps.js';
import type { MergeDeps } from '#tickets/use-cases/merge-ticket.js';
import { api, ticketDeps } from './api.js';

/**
 * The routes that change tickets. Their scheduler settings are checked at cold start, but the
 * SLA engine (./ticket-changes.ts) loads on the first change, so a container pays for it only
 * when it writes. They send no mail: the change's events reach the `mail` stream consumer.
 */
const settings = readSettings({ scheduler: SchedulerSettings });

let changes: Promise<{ hooks: TicketHooks; pull: PullDeps }> | undefined;
const loadChanges = () => {
  changes ??= import('./ticket-changes.js').then(({ ticketChangeHooks }) =>
    ticketChangeHooks({ ...api, scheduler: settings.scheduler }),
  );
  return changes;
};

/** Routing's hand-out of waiting tickets (an agent became available), over the same hooks. */
export const pullDeps = async (): Promise<PullDeps> => (await loadChanges()).pull;

export const changeDeps: TicketDeps = {
  ...ticketDeps,
  // A message takes its files in its own transaction (docs/attachments.md); no S3 call here.
  attachments: new DynamoAttachmentStore(api.db, api.tableName),
  hooks: {
    prepare: async (change, now) => (await loadChanges()).hooks.prepare(change, now),
    committed: async (change, now) => (await loadChanges()).hooks.committed(change, now),
  },
};

/** A merge writes two tickets in one transaction (docs/desk.md): the ticket store's merge port. */
export const mergeDeps: MergeDeps = { ...changeDeps, merges: api.store };
