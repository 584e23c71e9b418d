import { tableClient } from '#platform/adapters/dynamodb-client.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { systemClock } from '#platform/system.js';
import { checkAccountsIn } from './account-check.js';

/**
 * The wiring of a route that serves signed-in people but reads nothing else from the table
 * (`GET /me` answers from the token, the article preview renders Markdown): the account check
 * alone, so a deactivated person's token stops there too (docs/admin.md).
 */
const settings = readSettings({ table: TableSettings });

checkAccountsIn(tableClient(settings.table), settings.table.tableName, systemClock);
