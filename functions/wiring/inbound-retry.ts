import { DynamoInboundMailStore } from '#email/adapters/dynamodb-inbound-store.js';
import { lambdaMailReceiver } from '#email/adapters/lambda-mail-receiver.js';
import type { MailReceiver } from '#email/ports.js';
import { InboundReceiverSettings } from '#email/settings.js';
import { readSettings } from '#platform/config.js';
import { api } from './api.js';
import { localMailReceiverFor } from './providers.js';

/**
 * The kept-mail retry route (`api-mail-retry`, docs/inbound-mail.md): it reads the letter and
 * hands it to the function that reads mail, so it bundles neither the MIME parser nor the
 * ticket-changing use cases; that function's grants stay its own.
 */
const settings = readSettings({ receiver: InboundReceiverSettings });

/** None without SES receiving (no `inboundDomain`): then no mail is ever kept. */
const receiverOf = (functionArn: string | null): MailReceiver | null =>
  localMailReceiverFor() ?? (functionArn ? lambdaMailReceiver({ functionArn }) : null);

export const inboundRetry = {
  inbound: new DynamoInboundMailStore(api.db, api.tableName),
  receiver: receiverOf(settings.receiver.functionArn),
};
