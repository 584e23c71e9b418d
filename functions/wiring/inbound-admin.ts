import { DynamoInboundMailStore } from '#email/adapters/dynamodb-inbound-store.js';
import { api } from './api.js';

/** The e-mail channel's admin reads and settings (`api-table`): its items of the table, nothing else. */
export const inboundMailStore = new DynamoInboundMailStore(api.db, api.tableName);
