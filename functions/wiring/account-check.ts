import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountCheckTtlMs, activeAccountCheck } from '#identity/account-status.js';
import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import type { Clock } from '#platform/ports.js';
import { provideAccountCheck } from '../http/account-check.js';

/**
 * Every route's check that a user token's account is still active (docs/admin.md), over the
 * wiring's own document client: one GetItem per person, container and minute.
 */
export const checkAccountsIn = (db: DynamoDBDocumentClient, tableName: string, clock: Clock): void =>
  provideAccountCheck(activeAccountCheck(new DynamoUserDirectory(db, tableName), clock, accountCheckTtlMs()));
