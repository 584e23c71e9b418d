import { accountCheckTtlMs, activeAccountCheck } from '#identity/account-status.js';
import { signedAccountReader } from '#identity/adapters/signed-account-reader.js';
import { signedDynamoCall } from '#platform/adapters/signed-dynamodb.js';
import { envNames } from '#platform/env-names.js';
import { systemClock } from '#platform/system.js';
import { provideAccountCheck } from '../http/account-check.js';

/**
 * The wiring of a route that serves signed-in people but reads nothing else from the table
 * (`GET /me` answers from the token, the article preview renders Markdown): the account check
 * alone, so a deactivated person's token stops there too (docs/admin.md).
 *
 * Like health's wiring, it reads the table's variables directly, without the settings validator
 * (zod), and reads the account as one signed request, without the SDK: `GET /me` must start in a
 * few tens of milliseconds (docs/performance.md).
 */
const tableName = process.env[envNames.tableName];
if (!tableName)
  throw new Error(
    `Invalid configuration: ${envNames.tableName} is not set: set it in the function configuration`,
  );
const endpoint = process.env[envNames.dynamoEndpoint] || null;

provideAccountCheck(
  activeAccountCheck(
    signedAccountReader(signedDynamoCall({ endpoint }), tableName),
    systemClock,
    accountCheckTtlMs(),
  ),
);
