import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per container; the service name and level come from the environment. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'helpdesk-api' });
