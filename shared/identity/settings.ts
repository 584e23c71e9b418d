import * as z from 'zod';
import { requiredText } from '#platform/config.js';
import { ACCOUNT_CHECK_SECONDS_ENV } from './account-status.js';

export const identityEnvNames = {
  /** The Cognito user pool people sign in to: invitations and account changes go there (docs/admin.md). */
  userPoolId: 'USER_POOL_ID',
  /** Seconds a container trusts an account it found active (./account-status.ts); unset in the cloud: 60. */
  accountCheckSeconds: ACCOUNT_CHECK_SECONDS_ENV,
} as const;

/** The sign-in directory the account routes keep in step (the cloud's; locally the table is the directory). */
export const DirectorySettings = z
  .object({ [identityEnvNames.userPoolId]: requiredText(identityEnvNames.userPoolId) })
  .transform((env) => ({ userPoolId: env[identityEnvNames.userPoolId] }));

/** The Cognito actions the account routes call (./adapters/cognito-invitations.ts): infra grants exactly these on the user pool. */
export const cognitoAccountActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;
