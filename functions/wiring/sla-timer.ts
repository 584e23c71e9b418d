import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { routingHooks } from '#queues/use-cases/auto-assign.js';
import { SchedulerSettings } from '#sla/settings.js';
import { slaEngine } from './sla-engine.js';
import { tableAdapters } from './tables.js';
import { routingOf } from './ticket-changes.js';

/** The SLA timer family's wiring: the same store and engine as the ticket routes, and no mail (the stream sends it). */
const settings = readSettings({ table: TableSettings, scheduler: SchedulerSettings });

const adapters = tableAdapters(settings.table, noCursors);

/** A re-queued ticket goes to another available member of its queue (docs/routing.md). */
const routing = routingHooks(routingOf(adapters));

export const engine = {
  ...slaEngine({ ...adapters, scheduler: settings.scheduler }),
  route: routing.prepare,
};

/** The functions' document client (the benchmark and tests count its calls). */
export const { db } = adapters;
