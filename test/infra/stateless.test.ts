import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, routeName } from '#functions/http/routes.js';
import { streamConsumers } from '#functions/stream/consumers.js';
import { type FunctionFamily, familySettings } from '#functions/wiring/settings.js';
import { roles, scopes } from '#identity/caller.js';
import { permissions } from '#identity/permissions.js';
import { cognitoAccountActions, identityEnvNames } from '#identity/settings.js';
import { capabilityOf, cloudRoutes, pascal } from '#infra/constructs/functions.js';
import { tableReadActions, tableWriteActions } from '#infra/constructs/grants.js';
import { type HelpdeskFunction, unusedInLambda } from '#infra/constructs/helpdesk-function.js';
import { buildHelpdesk, type Helpdesk } from '#infra/helpdesk.js';
import { envNames } from '#platform/config.js';
import { slaCheckKinds } from '#sla/payload.js';
import {
  findCycle,
  list,
  nestedTemplateFiles,
  policyStatements,
  propertiesOf,
  type Resources,
  removeSynthOutputs,
  resourcesOf,
  synthesize,
  templateSizes,
  testApp,
  withoutBundling,
} from './synth.js';

afterAll(removeSynthOutputs);

/** The whole app, synthesized once for this file (bundling every handler takes a while). */
let helpdesk: Helpdesk;
let stateless: Template;
let stateful: Template;
let resources: Resources;
let assemblyDirectory: string;

const context = {
  senderEmail: 'support@helpdesk.example',
  alarmEmail: 'oncall@helpdesk.example',
  logRetentionDays: '90',
  corsOrigins: 'https://portal.helpdesk.example',
  integrators: 'crm,reporting:read',
};

let app: App;

beforeAll(() => {
  app = testApp(context);
  helpdesk = buildHelpdesk(app, { portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist') });
  const synthesized = synthesize(app);
  stateless = synthesized.template(helpdesk.stateless.stackName);
  stateful = synthesized.template(helpdesk.stateful.stackName);
  resources = resourcesOf(stateless);
  assemblyDirectory = synthesized.assembly.directory;
}, 600_000); // esbuild bundles every function, the AWS SDK clients in each: ~100 s on a busy 2-core machine, 430 s at load 15

const idOf = (construct: { node: { defaultChild?: unknown } }): string => {
  const child = construct.node.defaultChild as { logicalId: string } | undefined;
  if (!child) throw new Error('construct without a default child');
  return helpdesk.stateless.resolve(child.logicalId) as string;
};

const applicationFunctions = () => [
  ...helpdesk.stateless.functions.all,
  helpdesk.stateless.attachments.verify,
  ...(helpdesk.stateless.attachments.scanResult ? [helpdesk.stateless.attachments.scanResult] : []),
];

const statementsOfRole = (roleId: string) =>
  policyStatements(stateless)
    .filter(({ owner }) => {
      const roles = (resources[owner]?.Properties?.Roles ?? []) as { Ref?: string }[];
      return roles.some((role) => role.Ref === roleId);
    })
    .map(({ statement }) => statement);

const actionsOfRole = (roleId: string) =>
  statementsOfRole(roleId).flatMap((statement) => list(statement.Action));

describe('synthesis', () => {
  it('passes cdk-nag AwsSolutions with every acknowledgement justified', () => {
    // The synth above ran the AwsSolutions checks and would have thrown on any finding.
    const acknowledged = helpdesk.stateless.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledged) {
      expect(rule).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, rule).toBeGreaterThan(40);
    }
  });

  it('produces a template without dependency cycles', () => {
    expect(findCycle(resources)).toBeNull();
  });

  it("keeps every template well under CloudFormation's 500 resources: each capability's routes in a nested stack", () => {
    const sizes = templateSizes(
      JSON.parse(
        readFileSync(join(assemblyDirectory, `${helpdesk.stateless.artifactId}.template.json`), 'utf8'),
      ),
      nestedTemplateFiles(app, assemblyDirectory),
    );
    const capabilities = new Set(cloudRoutes().map(capabilityOf));
    expect(sizes.size).toBe(1 + capabilities.size);
    for (const [template, size] of sizes) expect(size, template).toBeLessThanOrEqual(400);
    // Every route function sits in its capability's nested stack, with its API route.
    for (const route of cloudRoutes()) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      expect(fn && Stack.of(fn).node.id, route.module).toBe(`Routes${pascal(capabilityOf(route))}`);
    }
  });
});

describe('functions', () => {
  it('has one function per cloud route module and per available SLA kind', () => {
    const modules = new Set(cloudRoutes().map((route) => routeName(route)));
    expect([...helpdesk.stateless.functions.api.keys()].sort()).toEqual([...modules].sort());
    expect([...helpdesk.stateless.functions.sla.keys()].sort()).toEqual([...slaCheckKinds].sort());
  });

  it('runs every application function on Node.js 22, arm64, with its own log group and retention', () => {
    const logGroups = new Set<string>();
    for (const fn of applicationFunctions()) {
      const props = resources[idOf(fn.function)]?.Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      const logGroup = (
        propertiesOf(resources[idOf(fn.function)]).LoggingConfig as { LogGroup: { Ref: string } }
      ).LogGroup.Ref;
      expect(resources[logGroup]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 90 },
      });
      logGroups.add(logGroup);
    }
    expect(logGroups.size).toBe(applicationFunctions().length);
  });

  const variablesOf = (fn: HelpdeskFunction) =>
    (propertiesOf(resources[idOf(fn.function)]).Environment as { Variables: Record<string, unknown> })
      .Variables;
  const runtimeVariables = ['POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME'];
  const tableVariables = [envNames.tableName];
  const mailVariables = [envNames.mailFrom, envNames.sesConfigurationSet, envNames.portalUrl];
  const schedulerVariables = [
    envNames.schedulerMode,
    envNames.scheduleGroup,
    envNames.schedulerRoleArn,
    envNames.slaTargetArns,
    envNames.slaDeadLetterArn,
  ];
  const expectedVariables: Record<FunctionFamily, string[]> = {
    'api-public': [],
    'api-table': tableVariables,
    'api-lists': [...tableVariables, envNames.cursorSecret, 'CURSOR_SECRET_GENERATION'],
    'api-changes': [...tableVariables, ...schedulerVariables],
    'sla-timer': [...tableVariables, ...schedulerVariables],
    'stream-metrics': [],
    'api-accounts': [...tableVariables, 'USER_POOL_ID'],
    'identity-trigger': tableVariables,
    'stream-mail': [...tableVariables, ...mailVariables],
    // The webhook settings all default to the cloud's rules: nothing to set.
    'api-webhooks': tableVariables,
    'webhook-delivery': [...tableVariables, ...mailVariables],
    'agent-notifications': [...tableVariables, ...mailVariables],
    attachments: [...tableVariables, 'ATTACHMENTS_BUCKET'],
    'api-search': [
      ...tableVariables,
      envNames.cursorSecret,
      'CURSOR_SECRET_GENERATION',
      'ATTACHMENTS_BUCKET',
      'TOKEN_ISSUER',
      'TOKEN_AUDIENCES',
    ],
    'api-kb-public': [...tableVariables, 'TOKEN_ISSUER', 'TOKEN_AUDIENCES'],
    'stream-search': [...tableVariables, 'ATTACHMENTS_BUCKET'],
    'inbound-mail': [
      ...tableVariables,
      ...schedulerVariables,
      ...mailVariables,
      'ATTACHMENTS_BUCKET',
      'INBOUND_ADDRESS',
    ],
    reports: tableVariables,
    // INBOUND_MAIL_FUNCTION only with SES receiving (test/infra/inbound-mail.test.ts).
    'api-mail-retry': tableVariables,
  };

  it('gives each API function exactly the variables its wiring reads: the cursor key only to the list routes', () => {
    for (const route of cloudRoutes()) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      expect(Object.keys(variablesOf(fn)).sort(), route.module).toEqual(
        [...runtimeVariables, ...expectedVariables[route.family]].sort(),
      );
    }
    const lists = cloudRoutes().filter((route) => route.family === 'api-lists');
    expect(lists.map(routeName).sort()).toEqual([
      'export-csv',
      'get-agents',
      'get-csat',
      'get-overview',
      'get-trends',
      'list-events',
      'list-messages',
      'list-notifications',
    ]);
    for (const route of lists) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      expect(JSON.stringify(variablesOf(fn)[envNames.cursorSecret])).toContain('{{resolve:secretsmanager:');
    }
  });

  it('gives the SLA functions the table and EventBridge Scheduler settings, no mail (the stream sends it) and no cursor key', () => {
    for (const fn of helpdesk.stateless.functions.sla.values()) {
      const variables = variablesOf(fn);
      expect(Object.keys(variables).sort(), fn.node.id).toEqual(
        [...runtimeVariables, ...expectedVariables['sla-timer']].sort(),
      );
      expect(variables[envNames.mailFrom]).toBeUndefined();
      expect(variables[envNames.schedulerMode]).toBe('eventbridge');
      const actions = statementsOfRole(idOf(fn.role)).flatMap((statement) => list(statement.Action));
      expect(actions).not.toContain('ses:SendEmail');
    }
  });

  /** The SDK v3 client each service is called through, and the actions that mean a function calls it. */
  const sdkClients = [
    {
      client: 'client-dynamodb',
      calls: (action: string) =>
        /^dynamodb:(?!DescribeStream|GetRecords|GetShardIterator|ListStreams)/.test(action),
    },
    { client: 'client-scheduler', calls: (action: string) => action.startsWith('scheduler:') },
    { client: 'client-ses', calls: (action: string) => action.startsWith('ses:') },
    {
      client: 'client-cognito-identity-provider',
      calls: (action: string) => action.startsWith('cognito-idp:'),
    },
  ] as const;

  /** Every function the stateless stack deploys, with the code and source map of its bundle. */
  let read: { fn: HelpdeskFunction; code: string; sources: string[] }[] | undefined;
  const bundles = () =>
    (read ??= [...applicationFunctions(), helpdesk.stateless.webhookRetries.sweep].map((fn) => {
      // Assets are staged as asset.<hash>/ next to the templates; the S3 key is <hash>.zip.
      const key = (propertiesOf(resources[idOf(fn.function)]).Code as { S3Key: string }).S3Key;
      const asset = join(assemblyDirectory, `asset.${key.replace(/\.zip$/, '')}`);
      const { sources } = JSON.parse(readFileSync(join(asset, 'index.js.map'), 'utf8')) as {
        sources: string[];
      };
      return { fn, code: readFileSync(join(asset, 'index.js'), 'utf8'), sources };
    }));

  it('bundles into each function the AWS SDK clients it uses, only those its role may call, and loads no SDK module from outside but the credential providers Lambda never reaches', () => {
    for (const { fn, code, sources } of bundles()) {
      const actions = actionsOfRole(idOf(fn.role));
      const bundled = sdkClients.filter(({ client }) =>
        sources.some((source) => source.includes(`node_modules/@aws-sdk/${client}/`)),
      );
      expect(
        bundled.filter(({ calls }) => !actions.some(calls)).map(({ client }) => client),
        fn.node.id,
      ).toEqual([]);
      // An SDK module left outside the bundle would be loaded from the runtime's own copy.
      const required = [...code.matchAll(/(?:require|import)\("((?:@aws-sdk|@smithy)\/[^"]+)"\)/g)].map(
        (match) => match[1],
      );
      expect(
        required.filter((name) => !unusedInLambda.some((unused) => unused === name)).join(' '),
        fn.node.id,
      ).toEqual('');
    }
    const clientsOf = (name: string) => {
      const found = bundles().filter(({ fn }) => fn.node.id === name);
      expect(found, name).toHaveLength(1);
      return found
        .flatMap(({ sources }) =>
          sdkClients.filter(({ client }) =>
            sources.some((source) => source.includes(`/@aws-sdk/${client}/`)),
          ),
        )
        .map(({ client }) => client);
    };
    expect(clientsOf('GetTicket')).toEqual(['client-dynamodb']);
    expect(clientsOf('CreateTicket')).toEqual(['client-dynamodb', 'client-scheduler']);
    expect(clientsOf('StreamMail')).toEqual(['client-dynamodb', 'client-ses']);
    // /me answers from the token, but reads the account (a deactivated person's token ends, docs/admin.md)
    // by one signed GetItem without the SDK, as health reads the table: no SDK client at cold start.
    expect(clientsOf('Me')).toEqual([]);
    expect(clientsOf('Health')).toEqual([]);
    expect(clientsOf('InviteUser')).toContain('client-cognito-identity-provider');
    expect(clientsOf('ListOrganisations')).not.toContain('client-cognito-identity-provider');
  });

  it('bundles every function into at most 500 KB of minified CommonJS; only the inbound-mail function parses mail (2 MB)', () => {
    // S3 is reached through signed requests (shared/platform/adapters/s3-bucket.ts), not the SDK's
    // S3 client (about 200 KB with its presigner and checksums): no function may bundle it.
    // Reading mail (mailparser with its charset tables) takes 2 MB: only the function SES invokes
    // does it, not a request path (docs/inbound-mail.md); the kept-mail retry route invokes it.
    const budget = (fn: HelpdeskFunction) =>
      (fn === helpdesk.stateless.inboundMail?.receive ? 2048 : 500) * 1024;
    const parsingMail = bundles()
      .filter(
        ({ fn, sources }) =>
          fn !== helpdesk.stateless.inboundMail?.receive &&
          sources.some((source) => source.includes('/mailparser/')),
      )
      .map(({ fn }) => fn.node.id);
    expect(parsingMail).toEqual([]);
    const withS3Client = bundles()
      .filter(({ sources }) => sources.some((source) => source.includes('/@aws-sdk/client-s3/')))
      .map(({ fn }) => fn.node.id);
    expect(withS3Client).toEqual([]);
    const oversized = bundles()
      .filter(({ fn, code }) => Buffer.byteLength(code) > budget(fn))
      .map(({ fn, code }) => `${fn.node.id}: ${Math.round(Buffer.byteLength(code) / 1024)} KB`);
    expect(oversized).toEqual([]);
    for (const { fn, code } of bundles()) expect(code, fn.node.id).not.toMatch(/^export |import\.meta/m);
  });

  it('keeps what only describes answers out of the request handlers: the OpenAPI document and the record schemas', () => {
    // Building zod schemas is import-time work (docs/performance.md, cold import): no function
    // builds the OpenAPI document (zod-openapi), the openapi function serves the generated
    // functions/http/openapi.json, and a ticket route validates its request without building the
    // schemas of tickets, messages and events it answers with.
    const sourcesOf = (name: string) =>
      bundles().find(({ fn }) => fn === helpdesk.stateless.functions.api.get(name))?.sources ?? [];
    const describing = (sources: string[]) =>
      sources.filter((source) => /functions\/http\/openapi-document\.ts$|\/zod-openapi\//.test(source));
    for (const route of cloudRoutes())
      expect(describing(sourcesOf(routeName(route))), routeName(route)).toEqual([]);
    expect(
      sourcesOf('openapi').filter((source) => source.endsWith('functions/http/openapi.json')),
    ).toHaveLength(1);
    // The light functions (health, GET /me: ≤ 50 ms to import) reach DynamoDB by a signed request,
    // without the SDK, and read their settings without zod.
    for (const name of ['health', 'me'])
      expect(
        sourcesOf(name).filter((source) => /\/(@aws-sdk|@smithy|zod)\//.test(source)),
        name,
      ).toEqual([]);
    const ticketRoutes = cloudRoutes().filter((route) => route.module.startsWith('functions/tickets/'));
    expect(ticketRoutes.length).toBeGreaterThan(10);
    for (const route of ticketRoutes) {
      const name = routeName(route);
      expect(
        sourcesOf(name).filter((source) => source.endsWith('shared/tickets/record-schemas.ts')),
        name,
      ).toEqual([]);
      expect(
        sourcesOf(name).some((source) => source.endsWith('shared/tickets/schemas.ts')),
        name,
      ).toBe(true);
    }
  });

  it('parses no source map at cold start (--enable-source-maps cost 15–30 ms of CPU per import)', () => {
    for (const { fn } of bundles()) {
      const variables = (propertiesOf(resources[idOf(fn.function)]).Environment as { Variables: object })
        .Variables as Record<string, unknown>;
      expect(String(variables.NODE_OPTIONS ?? ''), fn.node.id).not.toContain('--enable-source-maps');
    }
  });

  it('names every SLA target by kind with the ARN of that kind’s function', () => {
    // A function that arms timers: the ticket-changing routes and the SLA functions have the targets.
    const arming = helpdesk.stateless.functions.api.get('create-ticket');
    const variables = (
      propertiesOf(resources[idOf(arming?.function ?? helpdesk.stateless)]).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    const targets = JSON.stringify(helpdesk.stateless.resolve(variables[envNames.slaTargetArns]));
    for (const [kind, fn] of helpdesk.stateless.functions.sla) {
      const functionName = resources[idOf(fn.function)]?.Properties?.FunctionName as string;
      expect(targets).toContain(`\\"${kind}\\":`);
      expect(targets).toContain(`:function:${functionName}`);
    }
  });
});

describe('least privilege', () => {
  it('allows no wildcard action in any IAM statement of either stack', () => {
    for (const template of [stateless, stateful]) {
      const wildcards = policyStatements(template).filter(({ statement }) =>
        list(statement.Action).some((action) => action.includes('*')),
      );
      expect(wildcards).toEqual([]);
    }
  });

  it('lets read-only routes read the table and do nothing else', () => {
    // The attachment download signs GET URLs: its grants are asserted under "attachments".
    // The search routes also read the search segments: asserted under "search".
    const readers = cloudRoutes().filter(
      (candidate) =>
        candidate.readOnly && candidate.family !== 'attachments' && candidate.family !== 'api-search',
    );
    for (const route of readers) {
      const fn = helpdesk.stateless.api.httpApi && helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      const actions = actionsOfRole(idOf(fn.role));
      expect(new Set(actions), route.module).toEqual(
        new Set([...tableReadActions, 'logs:CreateLogStream', 'logs:PutLogEvents']),
      );
    }
  });

  it('lets the search routes read the table and the search segments of the bucket, nothing else', () => {
    const searchers = cloudRoutes().filter((candidate) => candidate.family === 'api-search');
    expect(searchers.map(routeName).sort()).toEqual(['list-articles', 'list-tickets', 'search-articles']);
    for (const route of searchers) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      expect(new Set(actionsOfRole(idOf(fn.role))), route.module).toEqual(
        new Set([...tableReadActions, 's3:GetObject', 'logs:CreateLogStream', 'logs:PutLogEvents']),
      );
      expect(JSON.stringify(statementsOfRole(idOf(fn.role)))).toContain('/search/*');
    }
  });

  it('lets the public knowledge-base routes check a bearer token as the authorizer does: the pool’s issuer, our clients', () => {
    const publicKb = cloudRoutes().filter(
      (route) => route.action === 'kb:read' || route.action === 'kb:search',
    );
    expect(publicKb.map(routeName).sort()).toEqual(['get-article', 'list-articles', 'search-articles']);
    for (const route of publicKb) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      const variables = (
        propertiesOf(resources[idOf(fn.function)]).Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(JSON.stringify(variables.TOKEN_ISSUER), route.module).toContain('cognito-idp');
      const audiences = variables.TOKEN_AUDIENCES as { 'Fn::Join': [string, { Ref: string }[]] };
      const clients = audiences['Fn::Join'][1].map((ref) => resources[ref.Ref]?.Type);
      expect(clients.length, route.module).toBeGreaterThan(0);
      expect(new Set(clients), route.module).toEqual(new Set(['AWS::Cognito::UserPoolClient']));
    }
  });

  it('lets ticket-changing routes write and arm SLA timers, and send no mail (the stream consumer does)', () => {
    const writers = cloudRoutes().filter(
      (candidate) =>
        !candidate.readOnly &&
        candidate.family !== 'attachments' &&
        // The kept-mail retry reads and invokes the inbound-mail function (test/infra/inbound-mail.test.ts).
        candidate.family !== 'api-mail-retry',
    );
    for (const route of writers) {
      const fn = helpdesk.stateless.functions.api.get(routeName(route));
      if (!fn) throw new Error(`no function for ${route.module}`);
      const statements = statementsOfRole(idOf(fn.role));
      const actions = statements.flatMap((statement) => list(statement.Action));
      expect(actions).toEqual(
        expect.arrayContaining([...tableWriteActions, 'scheduler:CreateSchedule', 'iam:PassRole']),
      );
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((action) => action.startsWith('ses:'))).toEqual([]);
      const passRole = statements.find((statement) => list(statement.Action).includes('iam:PassRole'));
      expect(passRole?.Resource).toEqual({
        'Fn::GetAtt': [idOf(helpdesk.stateless.slaTimers.schedulerRole), 'Arn'],
      });
      expect(passRole?.Condition).toEqual({
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
    }
  });

  it('lets the SLA functions send no mail (the stream mails their notices), and the mailing consumers only from the sender identity', () => {
    for (const fn of helpdesk.stateless.functions.sla.values()) {
      const actions = statementsOfRole(idOf(fn.role)).flatMap((statement) => list(statement.Action));
      expect(
        actions.filter((action) => action.startsWith('ses:')),
        fn.node.id,
      ).toEqual([]);
    }
    const mailIdentity = idOf(helpdesk.stateless.mail.identity);
    for (const name of ['mail', 'sla-notices', 'agent-notifications']) {
      const fn = helpdesk.stateless.functions.stream.get(name);
      if (!fn) throw new Error(`no ${name} consumer`);
      const mail = statementsOfRole(idOf(fn.role)).find((statement) =>
        list(statement.Action).includes('ses:SendEmail'),
      );
      const mailResources = JSON.stringify(mail?.Resource);
      expect(mailResources, name).toContain(`"Ref":"${mailIdentity}"`);
      expect(mailResources).toContain(':configuration-set/');
      expect(list(mail?.Resource as unknown[])).toHaveLength(2);
    }
  });

  it('lets the scheduler role invoke the SLA functions and nothing else, and only for this account’s SLA group', () => {
    const schedulerRole = idOf(helpdesk.stateless.slaTimers.schedulerRole);
    const statements = statementsOfRole(schedulerRole);
    const invoked = statements
      .filter((statement) => list(statement.Action).some((action) => action.startsWith('lambda:')))
      .flatMap((statement) => {
        expect(list(statement.Action)).toEqual(['lambda:InvokeFunction']);
        return list(statement.Resource);
      });
    const slaFunctionArns = [...helpdesk.stateless.functions.sla.values()].map((fn) => ({
      'Fn::GetAtt': [idOf(fn.function), 'Arn'],
    }));
    // Compared as sets: CDK orders the resources of a statement by its own rules.
    expect(invoked).toHaveLength(slaFunctionArns.length);
    expect(new Set(invoked.map((arn) => JSON.stringify(arn)))).toEqual(
      new Set(slaFunctionArns.map((arn) => JSON.stringify(arn))),
    );
    const other = statements.filter((statement) => !list(statement.Action).includes('lambda:InvokeFunction'));
    expect(other.map((statement) => [statement.Action, statement.Resource])).toEqual([
      ['sqs:SendMessage', { 'Fn::GetAtt': [idOf(helpdesk.stateless.slaTimers.deadLetterQueue), 'Arn'] }],
    ]);
    expect(resources[schedulerRole]?.Properties?.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: {
              'aws:SourceArn': { 'Fn::GetAtt': [idOf(helpdesk.stateless.slaTimers.group), 'Arn'] },
            },
          },
        },
      ],
    });
  });
});

describe('user directory sync', () => {
  it('runs before every Cognito token, knowing only the table and allowed only to update items', () => {
    const sync = helpdesk.stateless.functions.profileSync;
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [idOf(sync.function), 'Arn'] } },
    });
    const variables = (propertiesOf(resources[idOf(sync.function)]).Environment as { Variables: object })
      .Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [envNames.tableName, 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME'].sort(),
    );
    expect(new Set(actionsOfRole(idOf(sync.role)))).toEqual(
      new Set(['dynamodb:UpdateItem', 'logs:CreateLogStream', 'logs:PutLogEvents']),
    );
  });
});

describe('report rebuild', () => {
  it('has a rebuild function to invoke by hand: 15 minutes, the reports wiring, the table read and written, nothing else', () => {
    const rebuild = helpdesk.stateless.functions.reportsRebuild;
    const properties = propertiesOf(resources[idOf(rebuild.function)]);
    expect(properties.Timeout).toBe(900);
    const variables = (properties.Environment as { Variables: object }).Variables;
    expect(Object.keys(variables)).toContain(envNames.tableName);
    expect(new Set(actionsOfRole(idOf(rebuild.role)))).toEqual(
      new Set([...tableReadActions, ...tableWriteActions, 'logs:CreateLogStream', 'logs:PutLogEvents']),
    );
  });
});

describe('account administration in Cognito', () => {
  it('lets only the invite and account-change routes call exactly the Cognito actions they use, on the user pool only', () => {
    const pool = idOf(helpdesk.stateless.identity.userPool);
    const accountRoutes = cloudRoutes()
      .filter((route) => route.family === 'api-accounts')
      .map(routeName);
    expect(accountRoutes.sort()).toEqual(['invite-user', 'update-user']);
    for (const fn of applicationFunctions()) {
      const statements = statementsOfRole(idOf(fn.role)).filter((statement) =>
        list(statement.Action).some((action) => String(action).startsWith('cognito-idp:')),
      );
      const isAccountRoute = accountRoutes.some((name) => helpdesk.stateless.functions.api.get(name) === fn);
      if (!isAccountRoute) {
        expect(statements, fn.node.path).toEqual([]);
        continue;
      }
      expect(statements).toHaveLength(1);
      expect(new Set(list(statements[0]?.Action))).toEqual(new Set(cognitoAccountActions));
      expect(statements[0]?.Resource).toEqual({ 'Fn::GetAtt': [pool, 'Arn'] });
      const { Variables } = propertiesOf(resources[idOf(fn.function)]).Environment as {
        Variables: Record<string, unknown>;
      };
      expect(Variables[identityEnvNames.userPoolId]).toEqual({ Ref: pool });
    }
  });
});

describe('SLA timers', () => {
  it('has a schedule group and an encrypted, SSL-only dead-letter queue', () => {
    stateless.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const queue = idOf(helpdesk.stateless.slaTimers.deadLetterQueue);
    expect(resources[queue]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('API', () => {
  it('serves every cloud route under /api/v1, public ones without the JWT authorizer', () => {
    const routes = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route')).map((route) => ({
      key: route.Properties?.RouteKey,
      auth: route.Properties?.AuthorizationType,
    }));
    const expected = cloudRoutes().map((route) => ({
      key: `${route.method} ${API_PREFIX}${route.path}`,
      auth: permissions[route.action].public ? 'NONE' : 'JWT',
    }));
    expect(routes).toEqual(expect.arrayContaining(expected));
    expect(routes).toHaveLength(expected.length);
    expect(routes.map((route) => route.key)).not.toContain(`POST ${API_PREFIX}/auth/login`);
  });

  it('checks Cognito tokens of the portal and of integrators', () => {
    const identity = helpdesk.stateless.identity;
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [
          { Ref: idOf(identity.portalClient) },
          ...[...identity.integratorClients.values()].map((client) => ({ Ref: idOf(client) })),
        ],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('throttles, logs every request as JSON and allows the configured origins', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://portal.helpdesk.example'],
        AllowHeaders: Match.arrayWith(['authorization', 'idempotency-key', 'if-match']),
        ExposeHeaders: Match.arrayWith(['etag', 'location']),
      }),
    });
  });
});

describe('API budgets', () => {
  it('throttles each changing route on the stage below the stage-wide limit', () => {
    const stage = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Stage'))[0];
    const routeSettings = propertiesOf(stage).RouteSettings as Record<string, Record<string, number>>;
    const writes = cloudRoutes().filter((route) => !route.readOnly);
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      expect(routeSettings[`${route.method} ${API_PREFIX}${route.path}`]).toEqual({
        ThrottlingRateLimit: 25,
        ThrottlingBurstLimit: 50,
      });
    }
  });

  it('has no web ACL and the Essentials Cognito plan unless the operator turns them on', () => {
    expect(helpdesk.edge).toBeUndefined();
    stateless.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' });
  });
});

describe('identity', () => {
  it('signs people in by e-mail with a strong password policy, optional MFA and custom:orgId', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'orgId', AttributeDataType: 'String', Mutable: true }),
      ]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('has one group per role', () => {
    const groups = Object.values(resourcesOf(stateless, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('lets the portal sign in with the authorization code flow (PKCE, no secret) and never write the organisation', () => {
    const portal = resources[idOf(helpdesk.stateless.identity.portalClient)]?.Properties;
    expect(portal).toMatchObject({
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
    });
    expect(portal?.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:orgId', 'name', 'locale', 'zoneinfo']),
    );
    expect(portal?.WriteAttributes).not.toContain('custom:orgId');
    expect(JSON.stringify(portal?.CallbackURLs)).toContain('/auth/callback');
  });

  it('gives each integrator its own client-credentials client with the helpdesk scopes it was granted', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'helpdesk',
      Scopes: scopes.map((scope) => Match.objectLike({ ScopeName: scope })),
    });
    const [resourceServer] = Object.keys(resourcesOf(stateless, 'AWS::Cognito::UserPoolResourceServer'));
    const granted = { crm: ['tickets.read', 'tickets.write'], reporting: ['tickets.read'] };
    expect([...helpdesk.stateless.identity.integratorClients.keys()]).toEqual(Object.keys(granted));
    for (const [name, client] of helpdesk.stateless.identity.integratorClients) {
      const integrator = propertiesOf(resources[idOf(client)]);
      expect(integrator).toMatchObject({
        ClientName: name,
        AllowedOAuthFlows: ['client_credentials'],
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      expect(integrator.AllowedOAuthScopes).toEqual(
        granted[name as keyof typeof granted].map((scope) => ({
          'Fn::Join': ['', [{ Ref: resourceServer }, `/${scope}`]],
        })),
      );
    }
    expect(Object.keys(stateless.toJSON().Outputs)).toEqual(
      expect.arrayContaining([
        'CrmClientId',
        'ReportingClientId',
        'TokenUrl',
        'ApiUrl',
        'PortalUrl',
        'UserPoolId',
      ]),
    );
  });
});

describe('mail', () => {
  it('sends from the configured identity with a configuration set', () => {
    stateless.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'support@helpdesk.example',
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: idOf(helpdesk.stateless.mail.configurationSet) },
      },
    });
  });

  it('receives no mail without an inbound domain: no receipt rule set, no rule, no receiving function', () => {
    for (const template of [stateless, stateful]) {
      template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
      template.resourceCountIs('AWS::SES::ReceiptRule', 0);
    }
    expect(helpdesk.stateless.inboundMail).toBeUndefined();
  });
});

describe('portal hosting', () => {
  it('serves the portal from a private bucket through CloudFront and routes /api/* to the HTTP API', () => {
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
            ViewerProtocolPolicy: 'https-only',
          }),
        ],
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue() }),
          Match.objectLike({
            DomainName: {
              'Fn::Join': [
                '',
                [
                  { Ref: idOf(helpdesk.stateless.api.httpApi) },
                  '.execute-api.',
                  Match.anyValue(),
                  '.',
                  Match.anyValue(),
                ],
              ],
            },
          }),
        ]),
      }),
    });
  });

  it('adds security headers to every response', () => {
    stateless.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.anyValue() }),
        }),
      }),
    });
  });

  it('writes /config.json with the user pool, the portal client, the Hosted UI and the API base', () => {
    const identity = helpdesk.stateless.identity;
    const deployments = Object.values(resourcesOf(stateless, 'Custom::CDKBucketDeployment'));
    const withMarkers = deployments.filter((deployment) => deployment.Properties?.SourceMarkers);
    const markers = JSON.stringify(withMarkers.map((deployment) => deployment.Properties?.SourceMarkers));
    expect(markers).toContain(`{"Ref":"${idOf(identity.userPool)}"}`);
    expect(markers).toContain(`{"Ref":"${idOf(identity.portalClient)}"}`);
    expect(deployments).toHaveLength(2);
  });
});

describe('operations', () => {
  const alarms = () => Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm'));
  const topic = () => idOf(helpdesk.stateless.operations.topic);

  describe('change-stream consumers', () => {
    const mappings = () =>
      Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping');

    it('feeds each consumer from the table stream through its own filtered mapping: partial failures, bisect, 4 retries, 24 h, a dead-letter queue', () => {
      expect(mappings()).toHaveLength(streamConsumers.length);
      for (const consumer of streamConsumers) {
        const fn = helpdesk.stateless.functions.stream.get(consumer.name);
        const queue = helpdesk.stateless.functions.streamDeadLetters.get(consumer.name);
        if (!fn || !queue) throw new Error(`no function or queue for ${consumer.name}`);
        const mapping = mappings().find(
          (resource) =>
            JSON.stringify(propertiesOf(resource).FunctionName) ===
            JSON.stringify({ Ref: idOf(fn.function) }),
        );
        expect(propertiesOf(mapping), consumer.name).toMatchObject({
          StartingPosition: 'TRIM_HORIZON',
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: 4,
          MaximumRecordAgeInSeconds: 86_400,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [idOf(queue), 'Arn'] } } },
          FilterCriteria: {
            Filters: consumer.filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
          },
        });
        expect(JSON.stringify(propertiesOf(mapping).EventSourceArn)).toContain('StreamArn');
        expect(propertiesOf(resources[idOf(queue)])).toMatchObject({ SqsManagedSseEnabled: true });
        expect(queueAlarm(queue)?.Properties).toMatchObject({
          Threshold: 0,
          AlarmActions: [{ Ref: topic() }],
        });
      }
    });

    it('lets a consumer read its stream and, by its settings, the table, mail and nothing else', () => {
      for (const consumer of streamConsumers) {
        const fn = helpdesk.stateless.functions.stream.get(consumer.name);
        if (!fn) throw new Error(`no function for ${consumer.name}`);
        const statements = statementsOfRole(idOf(fn.role));
        const actions = new Set(statements.flatMap((statement) => list(statement.Action)));
        const stream = statements.find((statement) => list(statement.Action).includes('dynamodb:GetRecords'));
        expect(JSON.stringify(stream?.Resource)).toContain('StreamArn');
        const expected = new Set([
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          ...(consumer.family === 'stream-metrics' ? [] : tableReadActions),
          ...(consumer.writes ? tableWriteActions : []),
          // The search index's segments (docs/search.md), on the search prefix of the bucket only.
          ...(consumer.family === 'stream-search' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : []),
          // A deleted ticket's files, on the attachment prefix only (the test of that grant below).
          ...(consumer.name === 'ticket-erasure' ? ['s3:ListBucket', 's3:DeleteObject'] : []),
        ]);
        if (consumer.family === 'stream-search')
          expect(
            JSON.stringify(statements.filter((statement) => list(statement.Action).includes('s3:PutObject'))),
          ).toContain('/search/*');
        for (const action of actions) {
          if (action.startsWith('ses:')) expect('mail' in familySettings[consumer.family], action).toBe(true);
          // The consumers that change tickets (automation, sla-reapply) keep their SLA timers in step.
          else if (action.startsWith('scheduler:') || action === 'iam:PassRole')
            expect('scheduler' in familySettings[consumer.family], `${consumer.name}: ${action}`).toBe(true);
          else expect(expected.has(action), `${consumer.name}: ${action}`).toBe(true);
        }
        expect(actions.has('dynamodb:Scan')).toBe(false);
      }
    });
  });

  const queueAlarm = (queue: Queue) =>
    alarms().find(
      (alarm) =>
        alarm.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(alarm.Properties?.Dimensions).includes(`"${idOf(queue)}"`),
    );

  it('alarms as soon as one SLA check lands in the dead-letter queue', () => {
    const dlq = queueAlarm(helpdesk.stateless.slaTimers.deadLetterQueue);
    expect(dlq?.Properties).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [idOf(helpdesk.stateless.slaTimers.deadLetterQueue), 'QueueName'] },
        },
      ],
      AlarmActions: [{ Ref: topic() }],
    });
  });

  it('alarms on API 5xx, on errors of every function, and on throttles of any (account-wide)', () => {
    const byMetric = (name: string) => alarms().filter((alarm) => alarm.Properties?.MetricName === name);
    expect(byMetric('5xx')).toHaveLength(1);
    const functionIds = (name: string) =>
      byMetric(name).map(
        (alarm) => (propertiesOf(alarm).Dimensions as { Value: { Ref: string } }[])[0]?.Value.Ref,
      );
    const expected = applicationFunctions()
      .map((fn) => idOf(fn.function))
      .sort();
    expect(functionIds('Errors').sort()).toEqual(expected);
    const throttles = byMetric('Throttles');
    expect(throttles).toHaveLength(1);
    expect(throttles[0]?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0 });
    expect(throttles[0]?.Properties?.Dimensions).toBeUndefined();
    for (const alarm of alarms()) expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topic() }]);
  });

  it('mails the operators and keeps a dashboard', () => {
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@helpdesk.example',
      TopicArn: { Ref: topic() },
    });
    stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('attachments', () => {
  const objectsArn = () => ({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':s3:::',
        { 'Fn::ImportValue': `${helpdesk.stateful.stackName}-AttachmentsBucketName` },
        '/t/*',
      ],
    ],
  });
  const s3ActionsOf = (fn: HelpdeskFunction) =>
    statementsOfRole(idOf(fn.role)).filter((statement) =>
      list(statement.Action).some((a) => a.startsWith('s3:')),
    );

  it('lets each attachment route do exactly what its presigned URLs do, on the attachment prefix only', () => {
    const routeFn = (name: string) => {
      const fn = helpdesk.stateless.functions.api.get(name);
      if (!fn) throw new Error(`no function for ${name}`);
      return fn;
    };
    const expected: Record<string, string[]> = {
      'create-attachment': ['s3:PutObject', 's3:PutObjectTagging'],
      'get-attachment': ['s3:GetObject'],
      'list-attachments': [],
    };
    for (const [name, actions] of Object.entries(expected)) {
      const statements = s3ActionsOf(routeFn(name));
      expect(statements.flatMap((statement) => list(statement.Action)).sort(), name).toEqual(actions);
      for (const statement of statements) expect(statement.Resource).toEqual(objectsArn());
      const all = statementsOfRole(idOf(routeFn(name).role)).flatMap((statement) => list(statement.Action));
      expect(all.filter((action) => action.startsWith('scheduler:') || action.startsWith('ses:'))).toEqual(
        [],
      );
    }
    expect(
      statementsOfRole(idOf(routeFn('list-attachments').role)).flatMap((statement) => list(statement.Action)),
    ).not.toContain('dynamodb:PutItem');
  });

  it('lets the ticket-erasure consumer list the attachment prefix and delete objects under it, nothing else of the bucket', () => {
    const consumer = helpdesk.stateless.functions.stream.get('ticket-erasure');
    if (!consumer) throw new Error('no function for ticket-erasure');
    const statements = s3ActionsOf(consumer);
    expect(statements.flatMap((statement) => list(statement.Action)).sort()).toEqual([
      's3:DeleteObject',
      's3:ListBucket',
    ]);
    const listing = statements.find((statement) => list(statement.Action).includes('s3:ListBucket'));
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['t/*'] } });
    expect(JSON.stringify(listing?.Resource)).not.toContain('/*');
    const deleting = statements.find((statement) => list(statement.Action).includes('s3:DeleteObject'));
    expect(deleting?.Resource).toEqual(objectsArn());
    const mapping = Object.values(resources).find(
      (resource) =>
        resource.Type === 'AWS::Lambda::EventSourceMapping' &&
        JSON.stringify(propertiesOf(resource).FunctionName) ===
          JSON.stringify({ Ref: idOf(consumer.function) }),
    );
    expect(propertiesOf(mapping).FilterCriteria).toEqual({
      Filters: [
        {
          Pattern: JSON.stringify({
            eventName: ['REMOVE'],
            dynamodb: { OldImage: { entity: { S: ['ticket'] } } },
          }),
        },
      ],
    });
  });

  it('verifies every upload under t/ through S3 Object Created events on EventBridge, with retries and a dead-letter queue', () => {
    const verify = helpdesk.stateless.attachments.verify;
    stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [{ 'Fn::ImportValue': `${helpdesk.stateful.stackName}-AttachmentsBucketName` }] },
          object: { key: [{ prefix: 't/' }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [idOf(verify.function), 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: Match.anyValue(),
        }),
      ],
    });
    const actions = s3ActionsOf(verify).flatMap((statement) => list(statement.Action));
    expect(actions.sort()).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:GetObjectTagging',
      's3:PutObjectTagging',
    ]);
    const variables = (
      propertiesOf(resources[idOf(verify.function)]).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(Object.keys(variables)).toContain('ATTACHMENTS_BUCKET');
    expect(variables.ATTACHMENT_MALWARE_SCAN).toBeUndefined();
    stateless.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
  });

  it('keeps the bucket private and TLS-only, sends its events to EventBridge, allows the portal origins and expires pending uploads', () => {
    const bucket = Object.values(resourcesOf(stateful)).find(
      (resource) =>
        resource.Type === 'AWS::S3::Bucket' &&
        JSON.stringify(resource.Properties ?? {}).includes('CorsConfiguration'),
    );
    const props = propertiesOf(bucket);
    expect(props.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(props.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
          AllowedOrigins: ['https://*.cloudfront.net', 'https://portal.helpdesk.example'],
        }),
      ],
    });
    const rules = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Id: 'expire-pending-uploads',
          ExpirationInDays: 1,
          TagFilters: [{ Key: 'state', Value: 'pending' }],
          Status: 'Enabled',
        }),
      ]),
    );
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('adds GuardDuty Malware Protection for S3 and its result handler when the scan is on', () => {
    const app = testApp({ ...context, attachmentMalwareScan: 'true', ...withoutBundling });
    const scanned = buildHelpdesk(app, {
      portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist'),
    });
    const template = synthesize(app).template(scanned.stateless.stackName);
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['t/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      }),
    });
    const scanResult = scanned.stateless.attachments.scanResult;
    const fnResources = resourcesOf(template);
    if (!scanResult) throw new Error('no scan-result function');
    const logical = scanned.stateless.resolve(
      (scanResult.function.node.defaultChild as unknown as { logicalId: string }).logicalId,
    ) as string;
    expect(
      (propertiesOf(fnResources[logical]).Environment as { Variables: Record<string, unknown> }).Variables
        .ATTACHMENT_MALWARE_SCAN,
    ).toBe('guardduty');
  }, 180_000);
});

describe('webhook retries', () => {
  it('runs the retry sweep every minute, with the table and mail settings and table access only', () => {
    const sweep = helpdesk.stateless.webhookRetries.sweep;
    const fnId = idOf(sweep.function);
    const variables = (propertiesOf(resources[fnId]).Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'POWERTOOLS_LOG_LEVEL',
        'POWERTOOLS_SERVICE_NAME',
        envNames.tableName,
        envNames.mailFrom,
        envNames.sesConfigurationSet,
        envNames.portalUrl,
      ].sort(),
    );
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } }),
      ],
    });
    const roleId = idOf(sweep.role);
    const actions = Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties?.Roles).includes(roleId))
      .flatMap((policy) => {
        const document = policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
        return document.Statement.flatMap((statement) => list(statement.Action));
      });
    expect(actions.filter((action) => /^(ses|scheduler|sqs|lambda):/.test(action))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining([...tableReadActions, ...tableWriteActions]));
  });
});
