import { Logger } from '@aws-lambda-powertools/logger';
import { slaEngine } from './ticket-changes.js';

/** The SLA functions share the product's wiring: the same store, engine and mail. */
export const engine = slaEngine;

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'helpdesk-sla' });
