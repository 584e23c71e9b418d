import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoInvitations } from '#identity/adapters/cognito-invitations.js';
import { DirectorySettings } from '#identity/settings.js';
import type { AccountDeps } from '#identity/use-cases/accounts.js';
import { readSettings } from '#platform/config.js';
import { accountStoreDeps, api } from './api.js';
import { localInvitationsFor } from './providers.js';

/**
 * The account routes' wiring (`POST /users`, `PATCH /users/{id}`): the accounts and the sign-in
 * they keep in step. The local runtime registers its set-password mail before any handler loads;
 * a Lambda reads the user pool once at cold start (a missing USER_POOL_ID stops it) and talks to
 * Cognito through one client per container.
 */
const invitations =
  localInvitationsFor(api.tableName) ??
  cognitoInvitations(
    new CognitoIdentityProviderClient({}),
    readSettings({ directory: DirectorySettings }).directory.userPoolId,
  );

export const accountDeps: AccountDeps = { ...accountStoreDeps, invitations };
