import { withCachedStaffLists } from '../../../shared/adapters/cached-staff-directory.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import { CursorCodec } from '../../../shared/adapters/dynamodb/cursor.js';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.js';
import { DynamoUserDirectory } from '../../../shared/adapters/dynamodb/user-directory.js';
import { createMailNotifier } from '../../../shared/adapters/mail-notifier.js';
import { slaMailThrough } from '../../../shared/adapters/sla-mail.js';
import { systemClock, ulidGenerator } from '../../../shared/adapters/system/clock.js';
import { envNames, requireEnv } from '../../../shared/config/env.js';
import { mailConfigFromEnv } from '../../../shared/config/mail.js';
import { mailHooks } from '../../../shared/mail/index.js';
import { autoCloseAtOf } from '../../../shared/sla/engine.js';
import type { SlaPolicyDeps } from '../../../shared/sla/policies.js';
import type { TicketDeps } from '../../../shared/tickets/use-cases.js';
import { createSlaEngine } from '../../sla/commons/engine.js';
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

const store = new DynamoTicketStore(db, tableName, new CursorCodec(cursorSecret));
const clock = systemClock;
const ids = ulidGenerator();

/** Mail for everything: what a ticket change causes (ticket hooks) and the SLA notices. */
export const notifier = createMailNotifier({
  db,
  tableName,
  users: withCachedStaffLists(users, clock),
  clock,
  ids,
  config: mailConfigFromEnv(),
});

/** The SLA engine: its hooks keep each ticket's clocks and timer in step with every change. */
export const slaEngine = createSlaEngine({
  db,
  tableName,
  store,
  clock,
  ids,
  log: logger,
  mail: slaMailThrough(notifier),
  mailHooks: mailHooks(
    notifier,
    (error, request) =>
      logger.error('Could not send a ticket mail', {
        ticketId: request.ticket.id,
        notice: request.notice.kind,
        error: String(error),
      }),
    { autoCloseAt: (ticket) => autoCloseAtOf(ticket) },
  ),
});

export const ticketDeps: TicketDeps = { store, users, clock, ids, hooks: slaEngine.hooks };

export const slaPolicyDeps: SlaPolicyDeps = {
  store: slaEngine.configStore,
  cache: slaEngine.deps.config,
  clock,
};
