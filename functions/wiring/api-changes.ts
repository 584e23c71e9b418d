import { DynamoAttachmentStore } from '#attachments/adapters/dynamodb-attachment-store.js';
import { readSettings } from '#platform/config.js';
import type { PullDeps } from '#queues/use-cases/auto-assign.js';
import { SchedulerSettings } from '#sla/settings.js';
import type { TicketDeps, TicketHooks } from '#tickets/use-cases/deps.js';
import type { MergeDeps } from '#tickets/use-cases/merge-ticket.js';
import { api, ticketDeps } from './api.js';
import { ticketChangeHooks } from './ticket-changes.js';
import { ticketFieldDefinitions } from './ticket-fields.js';

/**
 * The routes that change tickets: their scheduler settings are checked at cold start, and the
 * change hooks (./ticket-changes.ts: automation, routing, the SLA engine) are built with them.
 * A static import on purpose: every one of these routes writes, and a dynamic `import()` made
 * esbuild wrap the hooks' modules for lazy start-up, which kept it from tree-shaking the AWS SDK
 * they reach (create-ticket 553 KB and ≈ 145 ms of import CPU, against 488 KB and ≈ 129 ms
 * static; docs/performance.md). They send no mail: the change's events reach the `mail` consumer.
 */
const settings = readSettings({ scheduler: SchedulerSettings });

const changes: { hooks: TicketHooks; pull: PullDeps } = ticketChangeHooks({
  ...api,
  scheduler: settings.scheduler,
});

/** Routing's hand-out of waiting tickets (an agent became available), over the same hooks. */
export const pullDeps = async (): Promise<PullDeps> => changes.pull;

export const changeDeps: TicketDeps = {
  ...ticketDeps,
  // A message takes its files in its own transaction (docs/attachments.md); no S3 call here.
  attachments: new DynamoAttachmentStore(api.db, api.tableName),
  hooks: changes.hooks,
  // Custom ticket fields (docs/api.md): their document read once per container and 10 s.
  ticketFields: ticketFieldDefinitions,
};

/** A merge writes two tickets in one transaction (docs/desk.md): the ticket store's merge port. */
export const mergeDeps: MergeDeps = { ...changeDeps, merges: api.store };
