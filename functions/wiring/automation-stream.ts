import type { StreamRuleDeps } from '#automation/use-cases/run-stream-rules.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { slaHooks } from '#sla/engine.js';
import { SchedulerSettings } from '#sla/settings.js';
import { automationOf } from './automation.js';
import { slaEngine } from './sla-engine.js';
import { tableAdapters } from './tables.js';

/** The automation consumer's wiring: the SLA timer family (table, scheduler), rules, and the ticket ports with the SLA hooks. */
const settings = readSettings({ table: TableSettings, scheduler: SchedulerSettings });
const adapters = tableAdapters(settings.table, noCursors);

export const streamRules: StreamRuleDeps = {
  automation: automationOf(adapters).deps,
  tickets: {
    store: adapters.store,
    users: adapters.users,
    organisations: adapters.organisations,
    clock: adapters.clock,
    ids: adapters.ids,
    hooks: slaHooks(slaEngine({ ...adapters, scheduler: settings.scheduler })),
  },
};
