import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '#identity/account.js';
import { cognitoInvitations } from '#identity/adapters/cognito-invitations.js';
import { callerFromClaims } from '#identity/caller.js';
import { Conflict } from '#platform/errors.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'eu-central-1_Pool123';
const SUB = '7c1e5a52-0000-4000-8000-000000000001';

const client: Account = {
  id: 'user-draft',
  email: 'mari@acme.example',
  name: 'Mari Tamm',
  role: 'client',
  orgId: 'acme',
  locale: 'et',
  timeZone: 'Europe/Tallinn',
  skills: [],
  capacity: 10,
  active: true,
  version: 1,
};

const invitations = () =>
  cognitoInvitations(new CognitoIdentityProviderClient({ region: 'eu-central-1' }), POOL);

beforeEach(() => {
  cognito.reset();
  cognito.on(AdminCreateUserCommand).resolves({
    User: { Username: SUB, Attributes: [{ Name: 'sub', Value: SUB }] },
  });
});

describe('Cognito invitations', () => {
  it('creates the user with an e-mailed temporary password, the profile and organisation as attributes, the role as group', async () => {
    const id = await invitations().invite(client);

    expect(id).toBe(SUB);
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: POOL,
      Username: 'mari@acme.example',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    const attributes = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.UserAttributes ?? [];
    const claims = Object.fromEntries(attributes.map((attribute) => [attribute.Name, attribute.Value]));
    expect(claims).toEqual({
      email: 'mari@acme.example',
      email_verified: 'true',
      name: 'Mari Tamm',
      locale: 'et',
      zoneinfo: 'Europe/Tallinn',
      'custom:orgId': 'acme',
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, {
      UserPoolId: POOL,
      Username: SUB,
      GroupName: 'client',
    });
    // What the token will carry reads back as the same person the account describes.
    expect(callerFromClaims({ ...claims, sub: SUB, 'cognito:groups': ['client'] })).toMatchObject({
      id: SUB,
      role: 'client',
      orgId: 'acme',
      name: 'Mari Tamm',
      locale: 'et',
      timeZone: 'Europe/Tallinn',
    });
  });

  it('gives staff no organisation attribute', async () => {
    await invitations().invite({ ...client, role: 'agent', orgId: null });
    const attributes = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.UserAttributes ?? [];
    expect(attributes.map((attribute) => attribute.Name)).not.toContain('custom:orgId');
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'agent' });
  });

  it('answers 409 naming the e-mail when the pool has that user already, and adds no group', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    const refused = await invitations()
      .invite(client)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Conflict);
    expect((refused as Conflict).errors?.[0]?.path).toBe('email');
    expect(cognito).not.toHaveReceivedCommand(AdminAddUserToGroupCommand);
  });

  it('moves a role change into the new group before leaving the old one', async () => {
    const before = { ...client, id: SUB, role: 'agent' as const, orgId: null };
    await invitations().changed(before, { ...before, role: 'lead', version: 2 });

    const calls = cognito.calls().map((call) => call.args[0]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBeInstanceOf(AdminAddUserToGroupCommand);
    expect(calls[0]?.input).toEqual({ UserPoolId: POOL, Username: SUB, GroupName: 'lead' });
    expect(calls[1]).toBeInstanceOf(AdminRemoveUserFromGroupCommand);
    expect(calls[1]?.input).toEqual({ UserPoolId: POOL, Username: SUB, GroupName: 'agent' });
  });

  it('updates the attributes when the organisation or profile changes, and removes the organisation of a client made staff', async () => {
    const before = { ...client, id: SUB };
    await invitations().changed(before, { ...before, orgId: 'globex', timeZone: 'Europe/Berlin' });
    expect(cognito).toHaveReceivedCommandWith(AdminUpdateUserAttributesCommand, {
      Username: SUB,
      UserAttributes: [
        { Name: 'name', Value: 'Mari Tamm' },
        { Name: 'locale', Value: 'et' },
        { Name: 'zoneinfo', Value: 'Europe/Berlin' },
        { Name: 'custom:orgId', Value: 'globex' },
      ],
    });
    expect(cognito).not.toHaveReceivedCommand(AdminDeleteUserAttributesCommand);

    cognito.resetHistory();
    await invitations().changed(before, { ...before, role: 'agent', orgId: null });
    expect(cognito).toHaveReceivedCommandWith(AdminDeleteUserAttributesCommand, {
      Username: SUB,
      UserAttributeNames: ['custom:orgId'],
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'agent' });
    expect(cognito).toHaveReceivedCommandWith(AdminRemoveUserFromGroupCommand, { GroupName: 'client' });
  });

  it('disables a deactivated account, ends its refresh tokens, and enables it again, calling nothing for skills or capacity', async () => {
    const before = { ...client, id: SUB, role: 'agent' as const, orgId: null };
    await invitations().changed(before, { ...before, active: false });
    expect(cognito).toHaveReceivedCommandWith(AdminDisableUserCommand, { UserPoolId: POOL, Username: SUB });
    expect(cognito).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, {
      UserPoolId: POOL,
      Username: SUB,
    });
    expect(cognito.calls()).toHaveLength(2);

    cognito.resetHistory();
    await invitations().changed({ ...before, active: false }, before);
    expect(cognito).toHaveReceivedCommandWith(AdminEnableUserCommand, { UserPoolId: POOL, Username: SUB });
    expect(cognito.calls()).toHaveLength(1);

    cognito.resetHistory();
    await invitations().changed(before, { ...before, skills: ['vpn'], capacity: 3 });
    expect(cognito.calls()).toHaveLength(0);
  });
});
