import type { MailTemplateDeps } from '#notifications/use-cases/manage-mail-templates.js';
import { DynamoSettingsDocuments } from '#platform/adapters/dynamodb-settings-documents.js';
import { DynamoTicketsByStatus } from '#sla/adapters/dynamodb-open-tickets.js';
import { openStatuses } from '#sla/policy-impact.js';
import type { CalendarDeps } from '#sla/use-cases/manage-calendars.js';
import type { PolicyPreviewDeps } from '#sla/use-cases/preview-sla-policies.js';
import type { CategoryDeps } from '#tickets/use-cases/manage-categories.js';
import { api } from './api.js';
import { automationOf } from './automation.js';
import { slaAdapters } from './tables.js';

/**
 * The administration routes' wiring (issue 16): policy preview and history, calendars,
 * categories, automation rules. Apart from ./api.ts so the ticket routes, which import that,
 * do not bundle the admin use cases and their schemas.
 */
/** Open tickets for the policy preview: pages of the status index, the count from the queue counts. */
const ticketsByStatus = new DynamoTicketsByStatus(api.db, api.tableName);
const sla = slaAdapters(api);
export const policyPreviewDeps: PolicyPreviewDeps = {
  store: sla.store,
  clock: api.clock,
  tickets: {
    page: (status, limit, after) => ticketsByStatus.page(status, limit, after),
    countOpen: async () => {
      const open = new Set(openStatuses());
      let total = 0;
      for (const queue of await api.queues.list())
        for (const [status, count] of Object.entries(queue.counts)) if (open.has(status)) total += count;
      return total;
    },
  },
};

export const policyHistory = sla.store;

/** SLA calendars: the same store, the container's SLA cache reloads after a save. */
export const calendarDeps: CalendarDeps = {
  calendars: sla.store,
  cache: sla.policies.cache,
  clock: api.clock,
};

/** Automation rules: the admin routes and the test endpoint (docs/automation.md). */
export const automationAdmin = automationOf(api).admin;

/** Categories (and the other admin documents): versioned, audited items of the table. */
export const categoryDeps: CategoryDeps = {
  documents: new DynamoSettingsDocuments(api.db, api.tableName),
  clock: api.clock,
};

/** Mail templates (docs/mail-templates.md): one settings document, the same store. */
export const mailTemplateDeps: MailTemplateDeps = categoryDeps;
