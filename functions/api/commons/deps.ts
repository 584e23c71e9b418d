import { createDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import { CursorCodec } from '../../../shared/adapters/dynamodb/cursor.js';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.js';
import { DynamoUserDirectory } from '../../../shared/adapters/dynamodb/user-directory.js';
import { createMailNotifier } from '../../../shared/adapters/mail-notifier.js';
import { systemClock, ulidGenerator } from '../../../shared/adapters/system/clock.js';
import { envNames, requireEnv } from '../../../shared/config/env.js';
import { mailConfigFromEnv } from '../../../shared/config/mail.js';
import { mailHooks } from '../../../shared/mail/ticket-notices.js';
import { composeHooks, type TicketDeps } from '../../../shared/tickets/use-cases.js';
import { logger } from './logger.js';

/**
 * Configuration and clients, created once per container at module load. A missing
 * variable fails the cold start with its name.
 */
export const tableName = requireEnv(envNames.tableName);
const cursorSecret = requireEnv(envNames.cursorSecret);
const endpoint = process.env[envNames.dynamoEndpoint];

export const db = createDocumentClient(endpoint ? { endpoint } : {});

export const users = new DynamoUserDirectory(db, tableName);

const ids = ulidGenerator();

/** Mail the requester what a change causes (acknowledgement, staff reply, proposed solution), once each. */
export const notifier = createMailNotifier({
  db,
  tableName,
  users,
  clock: systemClock,
  ids,
  config: mailConfigFromEnv(),
});
const mail = mailHooks(notifier, (error, request) =>
  logger.error('notice not sent', {
    ticketId: request.ticket.id,
    notice: request.notice.kind,
    error: error as Error,
  }),
);

export const ticketDeps: TicketDeps = {
  store: new DynamoTicketStore(db, tableName, new CursorCodec(cursorSecret)),
  users,
  clock: systemClock,
  ids,
  hooks: composeHooks(mail),
};
