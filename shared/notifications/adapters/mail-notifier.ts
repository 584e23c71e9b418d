import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserDirectory } from '#identity/user.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import { DynamoQueueReader } from '#queues/adapters/dynamodb-queue-reader.js';
import { cachedQueueNames } from '#queues/queue-names.js';
import { directoryAudience } from '../audience.js';
import type { MailConfig } from '../config.js';
import { createNotifier, type Notifier } from '../notifier.js';
import type { QueueTeams } from '../queue-teams.js';
import { DynamoNotificationLog } from './dynamodb-notification-log.js';
import { createSesClient } from './ses-client.js';
import { SesMailer } from './ses-mailer.js';
import { cachedMailTemplates } from './stored-mail-templates.js';

/**
 * The Notifier as the functions and the local runtime use it: notification records in the
 * table, mail through SES (or the emulator at SES_ENDPOINT), recipients from the user directory,
 * queue names from the queue definitions and the admins' mail templates (both cached per container).
 * Call once per container, e.g. `createMailNotifier({ db, tableName, users, clock, ids, config: mailConfigFromEnv() })`.
 */
export const createMailNotifier = (deps: {
  db: DynamoDBDocumentClient;
  tableName: string;
  users: UserDirectory;
  clock: Clock;
  ids: IdGenerator;
  config: MailConfig;
  ses?: SESClient;
  leaseMs?: number;
  /** Queue members and escalation lists (docs/routing.md). */
  teams?: QueueTeams;
}): Notifier =>
  createNotifier({
    log: new DynamoNotificationLog(deps.db, deps.tableName),
    mailer: new SesMailer(deps.ses ?? createSesClient({ endpoint: deps.config.sesEndpoint }), {
      from: deps.config.from,
      configurationSet: deps.config.configurationSet,
      replyTo: deps.config.replyTo,
    }),
    audience: directoryAudience(deps.users, deps.teams),
    queueNames: cachedQueueNames(new DynamoQueueReader(deps.db, deps.tableName), deps.clock),
    templates: cachedMailTemplates(deps.db, deps.tableName, deps.clock),
    clock: deps.clock,
    ids: deps.ids,
    settings: {
      portalUrl: deps.config.portalUrl,
      threadDomain: deps.config.threadDomain,
      // Replies come back only when Reply-To names the inbound address (docs/inbound-mail.md).
      replyByMail: deps.config.replyTo !== null,
      ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
    },
  });
