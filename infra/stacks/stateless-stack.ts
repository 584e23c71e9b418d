import { join } from 'node:path';
import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { attachmentEnvNames } from '#attachments/settings.js';
import { inboundEnvNames } from '#email/settings.js';
import { API_PREFIX, routeName } from '#functions/http/routes.js';
import { publicTokenEnvNames } from '#identity/public-route-token.js';
import { identityEnvNames } from '#identity/settings.js';
import { envNames } from '#platform/config.js';
import { searchEnvNames } from '#search/settings.js';
import { slaCheckKinds } from '#sla/payload.js';
import { Api } from '../constructs/api.js';
import { Attachments } from '../constructs/attachments.js';
import { cloudRoutes, Functions, pascal, projectRoot, slaFunctionName } from '../constructs/functions.js';
import { Identity } from '../constructs/identity.js';
import { InboundMail } from '../constructs/inbound-mail.js';
import { Mail } from '../constructs/mail.js';
import { Operations } from '../constructs/operations.js';
import { PortalHosting } from '../constructs/portal-hosting.js';
import { grantSearchCollection, grantSearchSegments } from '../constructs/search.js';
import { SearchCollection } from '../constructs/search-collection.js';
import { SlaTimers } from '../constructs/sla-timers.js';
import { WebhookRetries } from '../constructs/webhook-retries.js';
import type { Settings } from '../settings.js';

const streamArnOf = (table: ITable): string => {
  if (!table.tableStreamArn) throw new Error('The table needs its change stream (NEW_AND_OLD_IMAGES)');
  return table.tableStreamArn;
};

export interface StatelessStackProps extends StackProps {
  settings: Settings;
  table: ITable;
  /** The export naming the attachments bucket (stateful stack): its objects are written and read through presigned URLs. */
  attachmentsBucketExport: string;
  /** Where the built portal is; defaults to `portal/dist`. */
  portalDistDir?: string;
  /** The WAF web ACL (us-east-1) of the distribution, when `wafRateLimit` is on. */
  webAclArn?: string;
}

/**
 * Everything that can be redeployed from source: composed of the L3 constructs only. The
 * order follows the references: the API exists before the CDN that fronts it, the CDN
 * before the Cognito client that redirects to it, the timers before the functions that arm
 * them, and the routes last.
 */
export class StatelessStack extends Stack {
  readonly api: Api;
  readonly identity: Identity;
  readonly portal: PortalHosting;
  readonly mail: Mail;
  readonly slaTimers: SlaTimers;
  readonly functions: Functions;
  readonly webhookRetries: WebhookRetries;
  readonly attachments: Attachments;
  /** SES receiving, with `inboundDomain` only. */
  readonly inboundMail: InboundMail | undefined;
  readonly operations: Operations;
  /** The tickets' OpenSearch Serverless collection, with `searchEngine=opensearch` only. */
  readonly searchCollection: SearchCollection | undefined;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const customDomain =
      settings.portalDomain && settings.portalCertificateArn
        ? { domainName: settings.portalDomain, certificateArn: settings.portalCertificateArn }
        : undefined;
    const customOrigin = customDomain ? [`https://${customDomain.domainName}`] : [];

    this.api = new Api(this, 'Api', {
      corsOrigins: [...customOrigin, ...settings.corsOrigins],
      throttleRate: settings.throttleRate,
      throttleBurst: settings.throttleBurst,
      writeRouteThrottle: { rate: settings.writeRouteThrottleRate, burst: settings.writeRouteThrottleBurst },
      logRetention: settings.logRetention,
    });

    this.portal = new PortalHosting(this, 'Portal', {
      apiDomain: this.api.endpointDomain,
      distDir: props.portalDistDir ?? join(projectRoot, 'portal', 'dist'),
      logRetention: settings.logRetention,
      ...(customDomain ? { customDomain } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });

    this.identity = new Identity(this, 'Identity', {
      portalOrigins: [this.portal.url, ...settings.corsOrigins],
      domainPrefix: settings.authDomainPrefix ?? `helpdesk-${Aws.ACCOUNT_ID}`,
      integrators: settings.integrators,
      threatProtection: settings.cognitoThreatProtection,
    });

    this.portal.deployContent({
      auth: 'cognito',
      region: this.region,
      userPoolId: this.identity.userPool.userPoolId,
      clientId: this.identity.portalClient.userPoolClientId,
      domain: this.identity.hostedUiUrl,
      apiBase: API_PREFIX,
    });

    this.mail = new Mail(this, 'Mail', {
      senderEmail: settings.senderEmail,
      senderName: settings.senderName,
      ...(settings.senderDomain ? { senderDomain: settings.senderDomain } : {}),
      ...(settings.replyToEmail ? { replyToEmail: settings.replyToEmail } : {}),
    });

    this.slaTimers = new SlaTimers(this, 'SlaTimers', {
      targetFunctionNames: Object.fromEntries(
        [...slaCheckKinds].map((kind) => [kind, slaFunctionName(this.stackName, kind)]),
      ),
    });

    const attachmentsBucket = Bucket.fromBucketName(
      this,
      'AttachmentsBucket',
      Fn.importValue(props.attachmentsBucketExport),
    );
    const attachmentValues: Record<string, string> = {
      [attachmentEnvNames.bucket]: attachmentsBucket.bucketName,
      ...(settings.attachmentMalwareScan ? { [attachmentEnvNames.malwareScan]: 'guardduty' } : {}),
    };
    // The optional OpenSearch Serverless engine (docs/search.md): only with searchEngine=opensearch.
    this.searchCollection =
      settings.searchEngine === 'opensearch'
        ? new SearchCollection(this, 'SearchCollection', {
            namePrefix: settings.stackPrefix,
            standbyReplicas: settings.searchStandbyReplicas,
          })
        : undefined;
    const searchValues: Record<string, string> = this.searchCollection
      ? {
          [searchEnvNames.engine]: 'opensearch',
          [searchEnvNames.openSearchEndpoint]: this.searchCollection.endpoint,
        }
      : {};
    this.functions = new Functions(this, 'Functions', {
      tableName: props.table.tableName,
      tableArn: props.table.tableArn,
      tableStreamArn: streamArnOf(props.table),
      logRetention: settings.logRetention,
      logLevel: settings.logLevel,
      environment: {
        ...this.mail.environment,
        ...this.slaTimers.environment,
        ...attachmentValues,
        ...searchValues,
        [envNames.portalUrl]: this.portal.url,
        [identityEnvNames.userPoolId]: this.identity.userPool.userPoolId,
        // Without inbound mail the dead-letter routes still deploy (their list stays empty).
        [inboundEnvNames.address]: settings.inboundAddress ?? settings.senderEmail,
        // The public knowledge-base routes check a bearer token as the JWT authorizer would (docs/kb.md).
        // The `iss` of the pool's tokens (ProviderURL lacks the scheme), as the JWT authorizer's issuer.
        [publicTokenEnvNames.issuer]: `https://cognito-idp.${this.region}.amazonaws.com/${this.identity.userPool.userPoolId}`,
        [publicTokenEnvNames.audiences]: Fn.join(',', [
          this.identity.portalClient.userPoolClientId,
          ...[...this.identity.integratorClients.values()].map((client) => client.userPoolClientId),
        ]),
      },
      mail: this.mail.resources,
      scheduling: this.slaTimers.scheduling,
      cursorSecretGeneration: settings.cursorSecretGeneration,
    });
    this.slaTimers.allowInvoking([...this.functions.sla.values()].map((fn) => fn.function));
    this.webhookRetries = new WebhookRetries(this, 'WebhookRetries', {
      projectRoot,
      tableArn: props.table.tableArn,
      logRetention: settings.logRetention,
      logLevel: settings.logLevel,
      values: {
        ...this.mail.environment,
        [envNames.portalUrl]: this.portal.url,
        [envNames.tableName]: props.table.tableName,
      },
    });
    this.attachments = new Attachments(this, 'Attachments', {
      projectRoot,
      bucket: attachmentsBucket,
      tableArn: props.table.tableArn,
      logRetention: settings.logRetention,
      logLevel: settings.logLevel,
      values: { ...attachmentValues, [envNames.tableName]: props.table.tableName },
      malwareScan: settings.attachmentMalwareScan,
    });
    this.attachments.grantRoutes(this.functions.api, attachmentsBucket);
    this.attachments.grantTicketErasure(this.functions.stream, attachmentsBucket);
    grantSearchSegments(this.functions.api, this.functions.stream, attachmentsBucket);
    if (this.searchCollection) {
      grantSearchCollection(this.searchCollection, this.functions.api, this.functions.stream, {
        reindexPrincipal: settings.searchReindexPrincipal,
      });
    }
    // SES receiving only with an inbound domain (docs/inbound-mail.md); without it, as before.
    this.inboundMail = settings.inboundAddress
      ? new InboundMail(this, 'InboundMail', {
          projectRoot,
          bucket: attachmentsBucket,
          tableArn: props.table.tableArn,
          logRetention: settings.logRetention,
          logLevel: settings.logLevel,
          values: {
            ...this.mail.environment,
            ...this.slaTimers.environment,
            ...attachmentValues,
            [envNames.portalUrl]: this.portal.url,
            [envNames.tableName]: props.table.tableName,
            [inboundEnvNames.address]: settings.inboundAddress,
          },
          mail: this.mail.resources,
          scheduling: this.slaTimers.scheduling,
          inboundAddress: settings.inboundAddress,
        })
      : undefined;
    // The kept-mail retry route hands the mail to the function that reads it (docs/inbound-mail.md).
    const retryRoute = this.functions.api.get('retry-dead-letter');
    if (this.inboundMail && retryRoute) this.inboundMail.allowRetriesFrom(retryRoute);
    this.identity.syncProfilesWith(this.functions.profileSync.function);
    for (const route of cloudRoutes().filter((candidate) => candidate.family === 'api-accounts')) {
      const fn = this.functions.api.get(routeName(route));
      if (fn) this.identity.allowAccountAdministration(fn.function);
    }

    this.api.addRoutes({
      routes: cloudRoutes(),
      functions: new Map([...this.functions.api].map(([module, fn]) => [module, fn.function])),
      userPool: this.identity.userPool,
      clients: [this.identity.portalClient, ...this.identity.integratorClients.values()],
    });

    this.operations = new Operations(this, 'Operations', {
      alarmEmail: settings.alarmEmail,
      api: this.api.httpApi,
      deadLetterQueue: this.slaTimers.deadLetterQueue,
      streamDeadLetters: new Map([
        ...this.functions.streamDeadLetters,
        ['attachment-verification', this.attachments.deadLetters],
        ...(this.inboundMail ? [['inbound-mail', this.inboundMail.deadLetters] as const] : []),
      ]),
      scheduleGroupName: this.slaTimers.group.scheduleGroupName,
      functions: new Map([
        ...this.functions.byName,
        ['AttachmentsVerify', this.attachments.verify],
        ...(this.attachments.scanResult
          ? ([['AttachmentsScanResult', this.attachments.scanResult]] as const)
          : []),
      ]),
    });

    const outputs: Record<string, { value: string; description: string }> = {
      PortalUrl: { value: this.portal.url, description: 'The portal (and, under /api/v1, the API)' },
      ApiUrl: { value: `${this.portal.url}${API_PREFIX}`, description: 'The API base URL for integrators' },
      ExecuteApiUrl: {
        value: `${this.api.httpApi.apiEndpoint}${API_PREFIX}`,
        description: 'The API Gateway endpoint (same API, without CloudFront)',
      },
      UserPoolId: { value: this.identity.userPool.userPoolId, description: 'Cognito user pool' },
      PortalClientId: {
        value: this.identity.portalClient.userPoolClientId,
        description: 'Portal app client',
      },
      TokenUrl: {
        value: `${this.identity.hostedUiUrl}/oauth2/token`,
        description: 'OAuth 2.0 token endpoint',
      },
      AlarmTopicArn: { value: this.operations.topic.topicArn, description: 'Operator alarms' },
      SlaDeadLetterQueueUrl: {
        value: this.slaTimers.deadLetterQueue.queueUrl,
        description: 'SLA checks that could not be delivered',
      },
      DashboardName: { value: this.operations.dashboard.dashboardName, description: 'CloudWatch dashboard' },
    };
    if (this.searchCollection) {
      outputs.SearchCollectionEndpoint = {
        value: this.searchCollection.endpoint,
        description:
          'The tickets search collection (OPENSEARCH_ENDPOINT of npm run search:reindex -- --cloud)',
      };
    }
    for (const [name, client] of this.identity.integratorClients) {
      outputs[`${pascal(name)}ClientId`] = {
        value: client.userPoolClientId,
        description: `App client of integrator "${name}" (client credentials; the secret stays in Cognito)`,
      };
    }
    if (settings.senderDomain) {
      this.mail.dkimRecords.forEach((record, index) => {
        outputs[`DkimRecord${index + 1}`] = {
          value: `${record.name} CNAME ${record.value}`,
          description: `DNS record ${index + 1} of 3 that verifies ${settings.senderDomain} for SES`,
        };
      });
    }
    for (const [outputId, output] of Object.entries(outputs)) new CfnOutput(this, outputId, output);
  }
}
