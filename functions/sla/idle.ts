import { slaCheckHandler } from './check-handler.js';

/** SLA check of kind `idle`: records the `ticket.idle` event of a quiet ticket; settles everything due (docs/automation.md). */
export const handler = slaCheckHandler('idle');
