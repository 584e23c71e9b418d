import { slaCheckHandler } from './check-handler.js';

/** SLA check of kind `auto-close`: settles everything due on the ticket (docs/sla.md). */
export const handler = slaCheckHandler('auto-close');
