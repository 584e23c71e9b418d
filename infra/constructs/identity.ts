import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolOperation,
  UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { roles, type Scope, scopes } from '#identity/caller.js';
import { cognitoAccountActions } from '#identity/settings.js';

/** Where the portal's Hosted UI round trip lands (portal/src/auth/session.ts CALLBACK_PATH). */
export const portalCallbackPath = '/auth/callback';

/** The resource server identifier: integrator scopes read `helpdesk/tickets.read` (shared/identity/caller.ts). */
export const resourceServerIdentifier = 'helpdesk';

const scopeDescriptions: Record<(typeof scopes)[number], string> = {
  'tickets.read': 'Read tickets, their messages and history',
  'tickets.write': 'Create tickets and post messages',
};

/** Higher role wins when a user is in several groups (Cognito picks the lowest precedence). */
const groupPrecedence: Record<(typeof roles)[number], number> = { admin: 0, lead: 1, agent: 2, client: 3 };

export interface IdentityProps {
  /** Origins the portal is served from (CloudFront, custom domain, …) for the Hosted UI redirects. */
  portalOrigins: string[];
  /** Prefix of the Hosted UI domain `<prefix>.auth.<region>.amazoncognito.com`. */
  domainPrefix: string;
  integrators: { name: string; scopes: Scope[] }[];
  /** Cognito standard threat protection (Plus plan): off (Essentials), audit only, or enforced. */
  threatProtection?: 'off' | 'audit' | 'enforced';
}

/**
 * Who may call the API: people sign in to the portal (Cognito user pool, e-mail as user name,
 * groups client/agent/lead/admin, `custom:orgId` for clients) and integrators use the client
 * credentials grant with the `helpdesk/tickets.read` and `helpdesk/tickets.write` scopes.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly portalClient: UserPoolClient;
  /** One app client per integrator, by name. */
  readonly integratorClients = new Map<string, UserPoolClient>();
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const threatProtection = props.threatProtection ?? 'off';
    this.userPool = new UserPool(this, 'Users', {
      ...(threatProtection === 'off'
        ? { featurePlan: FeaturePlan.ESSENTIALS }
        : {
            featurePlan: FeaturePlan.PLUS,
            standardThreatProtectionMode:
              threatProtection === 'enforced'
                ? StandardThreatProtectionMode.FULL_FUNCTION
                : StandardThreatProtectionMode.AUDIT_ONLY,
          }),
      // Users are invited by an admin, who also sets the organisation of a client.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        locale: { required: false, mutable: true },
        timezone: { required: false, mutable: true },
      },
      customAttributes: { orgId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      // People and their organisations outlive a redeploy of the stateless stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-COG2',
        reason:
          'MFA is optional by requirement (client users of many organisations); TOTP is offered to everyone, ' +
          'and operators can require it for staff groups (docs/deploy.md).',
      },
      ...(threatProtection === 'off'
        ? [
            {
              id: 'AwsSolutions::AwsSolutions-COG8',
              reason:
                'The Plus plan (threat protection, compromised-credential checks) is billed per monthly active user; ' +
                'Essentials is the default and cognitoThreatProtection=audit|enforced turns it on (docs/deploy.md).',
            },
          ]
        : []),
      ...(threatProtection === 'enforced'
        ? []
        : [
            {
              id: 'AwsSolutions::AwsSolutions-COG3',
              reason:
                'Threat protection needs the Cognito Plus plan, billed per active user: it is the operator option ' +
                'cognitoThreatProtection (audit first, then enforced; docs/deploy.md).',
            },
          ]),
    );

    for (const role of roles) {
      this.userPool.addGroup(`Group${role}`, {
        groupName: role,
        description: `Help desk role ${role}`,
        precedence: groupPrecedence[role],
      });
    }

    const resourceServer = new UserPoolResourceServer(this, 'Api', {
      userPool: this.userPool,
      identifier: resourceServerIdentifier,
      userPoolResourceServerName: 'Help desk API',
      scopes: scopes.map(
        (scopeName) => new ResourceServerScope({ scopeName, scopeDescription: scopeDescriptions[scopeName] }),
      ),
    });

    const origins = props.portalOrigins.map((origin) => origin.replace(/\/$/, ''));
    this.portalClient = this.userPool.addClient('Portal', {
      userPoolClientName: 'portal',
      // A browser app: a public client, authorization code with PKCE, no secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: origins.map((origin) => `${origin}${portalCallbackPath}`),
        logoutUrls: origins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // The ID token carries the organisation, so users must never write it themselves.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({
          email: true,
          emailVerified: true,
          fullname: true,
          locale: true,
          timezone: true,
        })
        .withCustomAttributes('orgId'),
      writeAttributes: new ClientAttributes().withStandardAttributes({
        fullname: true,
        locale: true,
        timezone: true,
      }),
    });

    for (const integrator of props.integrators) {
      const client = this.userPool.addClient(`Integrator-${integrator.name}`, {
        userPoolClientName: integrator.name,
        // A machine client: the client credentials grant needs a secret.
        generateSecret: true,
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          scopes: integrator.scopes.map((scopeName) =>
            OAuthScope.resourceServer(
              resourceServer,
              new ResourceServerScope({ scopeName, scopeDescription: scopeDescriptions[scopeName] }),
            ),
          ),
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
      });
      client.node.addDependency(resourceServer);
      // No user may sign in through an integrator client (CDK leaves Cognito's defaults, which
      // include password sign-in, when no flow is listed).
      const resource = client.node.defaultChild;
      if (resource instanceof CfnUserPoolClient) resource.explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
      this.integratorClients.set(integrator.name, client);
    }

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
  }

  /** Runs on every token issued (sign-in and refresh), before the token is signed. */
  syncProfilesWith(fn: IFunction): void {
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, fn);
  }

  /**
   * Lets an account route invite people and keep their sign-in in step (group = role,
   * `custom:orgId`, profile, disabled or not): exactly those actions, on this pool only.
   */
  allowAccountAdministration(fn: IFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'AccountAdministration',
        effect: Effect.ALLOW,
        actions: [...cognitoAccountActions],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }

  /** The Hosted UI base URL, e.g. `https://helpdesk-123456789012.auth.eu-central-1.amazoncognito.com`. */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }
}
