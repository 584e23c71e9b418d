import { slaCheckHandler } from './check-handler.js';

/** SLA check of kind `requeue`: settles everything due on the ticket (docs/sla.md). */
export const handler = slaCheckHandler('requeue');
