import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ddb = mockClient(DynamoDBDocumentClient);
let handler: (event: PreTokenGenerationTriggerEvent) => Promise<PreTokenGenerationTriggerEvent>;

beforeAll(async () => {
  process.env.TABLE_NAME = 'helpdesk-unit';
  handler = (await import('#functions/identity/sync-profile.js')).handler;
});
beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

const event = (groups: string[]): PreTokenGenerationTriggerEvent =>
  ({
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-central-1',
    userPoolId: 'pool',
    userName: 'u1',
    callerContext: { awsSdkVersion: '1', clientId: 'portal' },
    request: {
      userAttributes: {
        sub: 'sub-1',
        email: 'Mia@Acme.example',
        name: 'Mia',
        'custom:orgId': 'acme',
        locale: 'de',
        zoneinfo: 'Europe/Berlin',
      },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
    },
    response: { claimsOverrideDetails: {} },
  }) as unknown as PreTokenGenerationTriggerEvent;

describe('Cognito profile sync', () => {
  it('stores the signed-in user with the highest role of their groups, organisation and locale', async () => {
    const input = event(['client', 'agent']);
    const output = await handler(input);
    expect(output).toBe(input);
    // The profile fields only (an UpdateItem: skills and capacity set by admins stay).
    const [call] = ddb.commandCalls(UpdateCommand);
    const update = call?.args[0].input;
    expect(update).toMatchObject({ TableName: 'helpdesk-unit', Key: { pk: 'USER#sub-1' } });
    const names = update?.ExpressionAttributeNames ?? {};
    const values = update?.ExpressionAttributeValues ?? {};
    const set = Object.fromEntries(
      Object.entries(names).map(([alias, name]) => [name, values[alias.replace('#', ':')]]),
    );
    expect(set).toMatchObject({
      email: 'mia@acme.example',
      role: 'agent',
      orgId: 'acme',
      locale: 'de',
      timeZone: 'Europe/Berlin',
      gsi4pk: 'EMAIL#mia@acme.example',
      gsi5pk: 'ROLE#agent',
    });
    expect(Object.keys(set)).not.toContain('skills');
  });

  it('leaves users without a help desk group out of the directory', async () => {
    await handler(event([]));
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });
});
