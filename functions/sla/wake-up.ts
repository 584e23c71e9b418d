import { slaCheckHandler } from './check-handler.js';

/** SLA check of kind `wake-up`: a postponed ticket goes back to `open`; settles everything due (docs/sla.md). */
export const handler = slaCheckHandler('wake-up');
