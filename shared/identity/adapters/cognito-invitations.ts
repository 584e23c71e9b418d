import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Conflict } from '#platform/errors.js';
import type { Account, Invitations } from '../account.js';

/**
 * The profile as the token carries it (shared/identity/caller.ts `callerFromClaims` reads it back):
 * `name`, `locale`, `zoneinfo`, and `custom:orgId` for a client. The role is not an attribute but
 * the user's group, as the authorizer reads `cognito:groups`.
 */
const profileAttributes = (account: Account): AttributeType[] => [
  { Name: 'name', Value: account.name },
  { Name: 'locale', Value: account.locale },
  { Name: 'zoneinfo', Value: account.timeZone },
  ...(account.orgId ? [{ Name: 'custom:orgId', Value: account.orgId }] : []),
];

const sameAttributes = (left: AttributeType[], right: AttributeType[]) =>
  JSON.stringify(left) === JSON.stringify(right);

/**
 * Invitations through Cognito: AdminCreateUser mails the temporary password (delivery EMAIL), the
 * role is the group of the same name, the organisation `custom:orgId`. An account is addressed by
 * its id, which is the user's `sub` (Cognito accepts it as the user name).
 */
export const cognitoInvitations = (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): Invitations => ({
  async invite(account) {
    let sub: string | undefined;
    try {
      const created = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: account.email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: account.email },
            // The admin typed the address; the first sign-in with the mailed password proves it.
            { Name: 'email_verified', Value: 'true' },
            ...profileAttributes(account),
          ],
        }),
      );
      sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (error instanceof UsernameExistsException)
        throw new Conflict(`${account.email} can sign in already`, [
          { path: 'email', message: 'Taken in the user pool: edit that account instead' },
        ]);
      throw error;
    }
    if (!sub) throw new Error(`Cognito created ${account.email} without answering its sub`);
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: sub, GroupName: account.role }),
    );
    return sub;
  },

  async changed(before, after) {
    const user = { UserPoolId: userPoolId, Username: after.id };
    if (after.role !== before.role) {
      // Into the new group first: the person is never left without a role in between.
      await client.send(new AdminAddUserToGroupCommand({ ...user, GroupName: after.role }));
      await client.send(new AdminRemoveUserFromGroupCommand({ ...user, GroupName: before.role }));
    }
    const attributes = profileAttributes(after);
    if (!sameAttributes(profileAttributes(before), attributes))
      await client.send(new AdminUpdateUserAttributesCommand({ ...user, UserAttributes: attributes }));
    // A client made staff leaves the organisation: the attribute goes (it cannot be empty).
    if (before.orgId && !after.orgId)
      await client.send(
        new AdminDeleteUserAttributesCommand({ ...user, UserAttributeNames: ['custom:orgId'] }),
      );
    if (before.active && !after.active) {
      await client.send(new AdminDisableUserCommand(user));
      // Its refresh tokens end too; the access tokens already issued are refused by every route
      // within a minute (functions/http/route.ts, docs/admin.md).
      await client.send(new AdminUserGlobalSignOutCommand(user));
    }
    if (!before.active && after.active) await client.send(new AdminEnableUserCommand(user));
  },
});
