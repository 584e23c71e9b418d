import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type Scope, scopes } from '#identity/caller.js';

/**
 * What an operator configures with `-c key=value` (or in cdk.json). Every value has a
 * default that synthesizes offline, so `npx cdk synth` works from a clean clone; the ones
 * that matter in production (sender, alarm e-mail) are called out in docs/deploy.md.
 */
export interface Settings {
  /** Prefix of the two stack names, so several installations can share an account. */
  stackPrefix: string;
  /** The address every mail is sent from; SES verifies it on the first deploy. */
  senderEmail: string;
  /** The display name of the sender (`Help desk <…>`). */
  senderName: string;
  /**
   * Optional: verify the sender's whole domain (Easy DKIM) instead of the one address; the
   * stack then outputs the three DKIM CNAME records to publish.
   */
  senderDomain: string | undefined;
  /** Optional Reply-To of every mail. */
  replyToEmail: string | undefined;
  /** Where operator alarms go (SNS e-mail subscription, confirmed by the recipient). */
  alarmEmail: string;
  /** Retention of every log group the app creates. */
  logRetention: RetentionDays;
  /** Powertools log level of the functions. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Optional custom domain of the portal (needs an ACM certificate in us-east-1). */
  portalDomain: string | undefined;
  portalCertificateArn: string | undefined;
  /** Extra browser origins allowed to call the API cross-origin (the portal itself is same-origin). */
  corsOrigins: string[];
  /** Prefix of the Cognito hosted-login domain (globally unique per region). */
  authDomainPrefix: string | undefined;
  /**
   * Machine clients (OAuth client credentials), one app client each so each has its own
   * secret and can be revoked alone: `crm,reporting:read` → crm with both scopes, reporting
   * with `helpdesk/tickets.read` only.
   */
  integrators: { name: string; scopes: Scope[] }[];
  /**
   * Bumped after a new value is put into the cursor secret: CloudFormation resolves the secret
   * only when a function's configuration changes, and this number is part of it.
   */
  cursorSecretGeneration: number;
  /** HTTP API default-route throttling. */
  throttleRate: number;
  throttleBurst: number;
  /**
   * Stage throttling of each route that changes something (route settings): a flood of one
   * kind of change cannot use up the whole stage's budget. Reads keep the stage default.
   */
  writeRouteThrottleRate: number;
  writeRouteThrottleBurst: number;
  /**
   * AWS WAF rate-based rules on the CloudFront distribution in front of the API, counted per
   * caller (Authorization header) and per client address. Off by default: the web ACL is a
   * fixed monthly cost (docs/deploy.md); it lives in a small us-east-1 stack.
   */
  wafRateLimit: boolean;
  /** Requests per minute one Authorization header may send to /api/* before WAF answers 429. */
  wafCallerLimit: number;
  /** Requests per minute one client address may send to /api/* (offices behind one NAT share it). */
  wafAddressLimit: number;
  /** Cognito standard threat protection (Plus plan, billed per active user): off, audit or enforced. */
  cognitoThreatProtection: 'off' | 'audit' | 'enforced';
  /**
   * GuardDuty Malware Protection for S3 on the attachments bucket: a file is offered only once
   * the scan found no threat (docs/attachments.md). Off by default: billed per GB scanned.
   */
  attachmentMalwareScan: boolean;
  /**
   * The e-mail channel (docs/inbound-mail.md): the domain SES receives mail for (its MX record
   * points at SES, docs/deploy.md). Unset: no receiving, the stacks deploy as without it.
   */
  inboundDomain: string | undefined;
  /** The address clients write to; default `support@<inboundDomain>`. Replies to every mail go there. */
  inboundAddress: string | undefined;
  /**
   * Where tickets are indexed and searched (docs/search.md): `segments` (pay per use, the
   * default) or `opensearch`, an OpenSearch Serverless collection for tenants beyond the
   * segments' limits (a fixed monthly minimum of OCUs). Unchanged stacks with `segments`.
   */
  searchEngine: 'segments' | 'opensearch';
  /**
   * With `opensearch`: the IAM principal (role or user ARN) allowed to back-fill the index
   * (`npm run search:reindex -- --cloud`); none by default.
   */
  searchReindexPrincipal: string | undefined;
  /** With `opensearch`: standby replicas in a second Availability Zone (twice the minimum OCUs). */
  searchStandbyReplicas: boolean;
}

export const defaultSettings: Settings = {
  stackPrefix: 'Helpdesk',
  senderEmail: 'helpdesk@example.com',
  senderName: 'Help desk',
  senderDomain: undefined,
  inboundDomain: undefined,
  inboundAddress: undefined,
  replyToEmail: undefined,
  alarmEmail: 'operations@example.com',
  logRetention: RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  portalDomain: undefined,
  portalCertificateArn: undefined,
  corsOrigins: [],
  authDomainPrefix: undefined,
  integrators: [{ name: 'integrator', scopes: [...scopes] }],
  cursorSecretGeneration: 1,
  throttleRate: 50,
  throttleBurst: 100,
  writeRouteThrottleRate: 25,
  writeRouteThrottleBurst: 50,
  wafRateLimit: false,
  wafCallerLimit: 3000,
  wafAddressLimit: 6000,
  cognitoThreatProtection: 'off',
  attachmentMalwareScan: false,
  searchEngine: 'segments',
  searchReindexPrincipal: undefined,
  searchStandbyReplicas: true,
};

const retentionValues = new Set<number>(
  Object.values(RetentionDays).filter((value): value is number => typeof value === 'number'),
);

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fail = (key: string, message: string): never => {
  throw new Error(`Context value "${key}" ${message}`);
};

/** Context values arrive as strings from `-c` and as JSON values from cdk.json. */
const text = (scope: Construct, key: string): string | undefined => {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(String).join(',');
  return fail(key, 'must be a string');
};

const positiveInteger = (scope: Construct, key: string, fallback: number): number => {
  const value = text(scope, key);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0
    ? parsed
    : fail(key, `must be a positive integer, got ${value}`);
};

const flag = (scope: Construct, key: string, fallback: boolean): boolean => {
  const value = text(scope, key)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  return fail(key, `must be true or false, got ${value}`);
};

/** AWS WAF takes 10 to 2,000,000,000 requests per evaluation window. */
const wafLimit = (scope: Construct, key: string, fallback: number): number => {
  const value = positiveInteger(scope, key, fallback);
  return value >= 10 ? value : fail(key, `must be at least 10 (AWS WAF's minimum), got ${value}`);
};

/** Reads and validates the context; a bad value stops the synth with the key's name. */
export const readSettings = (scope: Construct): Settings => {
  const senderEmail = text(scope, 'senderEmail') ?? defaultSettings.senderEmail;
  if (!email.test(senderEmail)) fail('senderEmail', `must be an e-mail address, got ${senderEmail}`);
  const senderName = text(scope, 'senderName') ?? defaultSettings.senderName;
  if (/[<>"\r\n]/.test(senderName)) fail('senderName', 'must not contain <, >, " or line breaks');
  const senderDomain = text(scope, 'senderDomain')?.toLowerCase();
  if (senderDomain !== undefined && !senderEmail.toLowerCase().endsWith(`@${senderDomain}`)) {
    fail('senderDomain', `must be the domain of senderEmail (${senderEmail})`);
  }
  const inboundDomain = text(scope, 'inboundDomain')?.toLowerCase();
  if (
    inboundDomain !== undefined &&
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(inboundDomain)
  ) {
    fail('inboundDomain', `must be a domain name, got ${inboundDomain}`);
  }
  const inboundAddress =
    text(scope, 'inboundAddress')?.toLowerCase() ?? (inboundDomain ? `support@${inboundDomain}` : undefined);
  if (inboundAddress !== undefined && (!inboundDomain || !inboundAddress.endsWith(`@${inboundDomain}`))) {
    fail('inboundAddress', `must be an address of inboundDomain (${inboundDomain ?? 'not set'})`);
  }
  const replyToEmail = text(scope, 'replyToEmail') ?? inboundAddress;
  if (replyToEmail !== undefined && !email.test(replyToEmail)) {
    fail('replyToEmail', `must be an e-mail address, got ${replyToEmail}`);
  }
  const alarmEmail = text(scope, 'alarmEmail') ?? defaultSettings.alarmEmail;
  if (!email.test(alarmEmail)) fail('alarmEmail', `must be an e-mail address, got ${alarmEmail}`);

  const retentionDays = positiveInteger(scope, 'logRetentionDays', defaultSettings.logRetention);
  if (!retentionValues.has(retentionDays)) {
    fail('logRetentionDays', `must be one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, …)`);
  }

  const logLevel = (text(scope, 'logLevel') ?? defaultSettings.logLevel).toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) {
    fail('logLevel', 'must be DEBUG, INFO, WARN or ERROR');
  }

  const portalDomain = text(scope, 'portalDomain');
  const portalCertificateArn = text(scope, 'portalCertificateArn');
  if ((portalDomain === undefined) !== (portalCertificateArn === undefined)) {
    fail(
      'portalDomain',
      'and "portalCertificateArn" go together (an ACM certificate in us-east-1 for that domain)',
    );
  }

  const corsOrigins = (text(scope, 'corsOrigins')?.split(',') ?? defaultSettings.corsOrigins)
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      fail('corsOrigins', `must be origins like https://portal.example.com (no path), got ${origin}`);
    }
  }

  const authDomainPrefix = text(scope, 'authDomainPrefix');
  if (authDomainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix)) {
    fail('authDomainPrefix', 'must be lower-case letters, digits and hyphens');
  }

  const integrators = (text(scope, 'integrators')?.split(',') ?? [])
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([a-z][a-z0-9-]{0,39})(?::(read|write))?$/.exec(entry);
      if (!match?.[1])
        return fail('integrators', `entries are name or name:read or name:write, got ${entry}`);
      const only = match[2];
      return { name: match[1], scopes: only ? [`tickets.${only}` as Scope] : [...scopes] };
    });
  if (new Set(integrators.map((integrator) => integrator.name)).size !== integrators.length) {
    fail('integrators', 'names must be unique');
  }

  const stackPrefix = text(scope, 'stackPrefix') ?? defaultSettings.stackPrefix;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,29}$/.test(stackPrefix)) {
    fail(
      'stackPrefix',
      'must start with a letter, contain letters, digits and hyphens, at most 30 characters',
    );
  }

  const cognitoThreatProtection = (text(scope, 'cognitoThreatProtection') ??
    defaultSettings.cognitoThreatProtection) as Settings['cognitoThreatProtection'];
  if (!['off', 'audit', 'enforced'].includes(cognitoThreatProtection)) {
    fail('cognitoThreatProtection', `must be off, audit or enforced, got ${cognitoThreatProtection}`);
  }

  const searchEngine = (text(scope, 'searchEngine') ??
    defaultSettings.searchEngine) as Settings['searchEngine'];
  if (!['segments', 'opensearch'].includes(searchEngine)) {
    fail('searchEngine', `must be segments or opensearch, got ${searchEngine}`);
  }
  const searchReindexPrincipal = text(scope, 'searchReindexPrincipal');
  if (
    searchReindexPrincipal !== undefined &&
    !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/\S+$/.test(searchReindexPrincipal)
  ) {
    fail('searchReindexPrincipal', `must be an IAM role or user ARN, got ${searchReindexPrincipal}`);
  }

  return {
    searchEngine,
    searchReindexPrincipal,
    searchStandbyReplicas: flag(scope, 'searchStandbyReplicas', defaultSettings.searchStandbyReplicas),
    attachmentMalwareScan: flag(scope, 'attachmentMalwareScan', defaultSettings.attachmentMalwareScan),
    inboundDomain,
    inboundAddress,
    stackPrefix,
    senderEmail,
    senderName,
    senderDomain,
    replyToEmail,
    alarmEmail,
    logRetention: retentionDays as RetentionDays,
    logLevel: logLevel as Settings['logLevel'],
    portalDomain,
    portalCertificateArn,
    corsOrigins,
    authDomainPrefix,
    integrators: integrators.length > 0 ? integrators : defaultSettings.integrators,
    cursorSecretGeneration: positiveInteger(
      scope,
      'cursorSecretGeneration',
      defaultSettings.cursorSecretGeneration,
    ),
    throttleRate: positiveInteger(scope, 'throttleRate', defaultSettings.throttleRate),
    throttleBurst: positiveInteger(scope, 'throttleBurst', defaultSettings.throttleBurst),
    writeRouteThrottleRate: positiveInteger(
      scope,
      'writeRouteThrottleRate',
      defaultSettings.writeRouteThrottleRate,
    ),
    writeRouteThrottleBurst: positiveInteger(
      scope,
      'writeRouteThrottleBurst',
      defaultSettings.writeRouteThrottleBurst,
    ),
    wafRateLimit: flag(scope, 'wafRateLimit', defaultSettings.wafRateLimit),
    wafCallerLimit: wafLimit(scope, 'wafCallerLimit', defaultSettings.wafCallerLimit),
    wafAddressLimit: wafLimit(scope, 'wafAddressLimit', defaultSettings.wafAddressLimit),
    cognitoThreatProtection,
  };
};
