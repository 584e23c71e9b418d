import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import { tableClient } from '#platform/adapters/dynamodb-client.js';
import { readSettings, TableSettings } from '#platform/config.js';

/** The identity trigger's wiring: the user directory and nothing else (Cognito waits at most 5 s). */
const { table } = readSettings({ table: TableSettings });

export const users = new DynamoUserDirectory(tableClient(table), table.tableName);
