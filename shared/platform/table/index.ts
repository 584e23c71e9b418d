import { agentStateEntity } from './agent-state.js';
import { attachmentEntity } from './attachment.js';
import { auditEntity } from './audit.js';
import { automationRulesChangeEntity, automationRulesEntity } from './automation.js';
import { cannedResponseEntity } from './canned-response.js';
import { counterEntity } from './counter.js';
import { demoSeedEntity } from './demo-seed.js';
import { idempotencyEntity } from './idempotency.js';
import {
  inboundDeadLetterEntity,
  inboundSettingsEntity,
  mailDomainEntity,
  mailSenderHourEntity,
  ticketReferenceEntity,
} from './inbound-mail.js';
import { inboxItemEntity, inboxStateEntity, notificationPreferencesEntity } from './inbox.js';
import { invitationEntity } from './invitation.js';
import { kbArticleEntity, kbArticleVersionEntity } from './kb-article.js';
import { kbDeflectionDayEntity, kbDeflectionSeenEntity } from './kb-deflection.js';
import { indexKeyNames, indexNames, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from './key.js';
import { notificationEntity } from './notification.js';
import { domainClaimEntity, organisationEntity } from './organisation.js';
import { presenceEntity } from './presence.js';
import { queueCountShardEntity, queueEntity } from './queue.js';
import {
  reportCellEntity,
  reportCsatEntity,
  reportFactEntity,
  reportSeenEntity,
  reportTopicEntity,
} from './report.js';
import { savedViewEntity } from './saved-view.js';
import { scheduleEntity } from './schedule.js';
import { searchSegmentEntity } from './search-segment.js';
import { settingsDocumentChangeEntity, settingsDocumentEntity } from './settings-document.js';
import {
  slaCalendarChangeEntity,
  slaCalendarEntity,
  slaPoliciesEntity,
  slaPolicyChangeEntity,
  slaReapplyJobEntity,
} from './sla-config.js';
import { eventEntity, feedbackEntity, messageEntity, ticketEntity } from './ticket.js';
import { ticketErasureEntity } from './ticket-erasure.js';
import { userEntity } from './user.js';
import { deliveryEntity, webhookEntity } from './webhook.js';

/**
 * The single table: its keys, its six overloaded GSIs (`gsiNpk` / `gsiNsk`) and its TTL
 * attribute. infra/ creates the cloud table from this definition and local/table.ts the local
 * one. Each item type is one module beside this one, declaring its key prefixes once and
 * deriving its keys, GSI attributes and named queries from them:
 *
 * | module            | entity              | pk                        | sk                      |
 * |-------------------|---------------------|---------------------------|-------------------------|
 * | ticket.ts         | ticket              | TICKET#<id>               | TICKET                  |
 * |                   | collection (header) | TICKET#<id>               | MSG#, EVENT#            |
 * |                   | message             | TICKET#<id>               | MSG#<ulid>              |
 * |                   | event (history)     | TICKET#<id>               | EVENT#<ulid>            |
 * |                   | feedback            | TICKET#<id>               | FEEDBACK                |
 * | notification.ts   | notification        | TICKET#<id>               | NOTICE#<clock>#<level>  |
 * | attachment.ts     | attachment          | TICKET#<id>               | ATTACHMENT#<ulid>       |
 * |                   | attachment-usage    | TICKET#<id>               | ATTACHMENT_USAGE        |
 * | idempotency.ts    | idempotency         | IDEMPOTENCY#<scope>#<key> | IDEMPOTENCY             |
 * | counter.ts        | (counter)           | COUNTER#<name>            | COUNTER                 |
 * | organisation.ts   | organisation        | ORG#<id>                  | ORG                     |
 * | user.ts           | user                | USER#<id>                 | USER                    |
 * | agent-state.ts    | agent-state         | USER#<id>                 | ROUTING                 |
 * | organisation.ts   | domain-claim        | DOMAIN#<domain>           | DOMAIN                  |
 * | invitation.ts     | invitation (TTL)    | INVITE#<token hash>       | INVITE                  |
 * | audit.ts          | audit               | AUDIT#<QUEUE|USER|ORG>#<id> | VERSION#<000042>      |
 * | queue.ts          | queue               | CONFIG                    | QUEUE#<id>              |
 * |                   | queue-counts        | CONFIG                    | QUEUE#<id>#SHARD#<n>    |
 * | sla-config.ts     | sla-policies        | CONFIG                    | SLA_POLICIES            |
 * |                   | sla-calendar        | CONFIG                    | SLA_CALENDAR#<id>       |
 * |                   | sla-policy-change   | AUDIT#SLA_POLICIES        | VERSION#<000042>        |
 * |                   | sla-reapply-job     | JOB#SLA_REAPPLY           | VERSION#<000042>        |
 * |                   | sla-calendar-change | AUDIT#SLA_CALENDAR#<id>   | VERSION#<000042>        |
 * | automation.ts     | automation-rules    | CONFIG                    | AUTOMATION_RULES        |
 * |                   | automation-rules-change | AUDIT#AUTOMATION_RULES | VERSION#<000042>        |
 * | settings-document.ts | settings-document | CONFIG                 | DOC#<name>              |
 * |                   | settings-document-change | AUDIT#DOC#<name>  | VERSION#<000042>        |
 * | schedule.ts       | schedule            | SCHEDULE#<name>           | SCHEDULE                |
 * | demo-seed.ts      | seed                | CONFIG                    | SEED#demo-v1            |
 * | webhook.ts        | webhook             | WEBHOOKS                  | WEBHOOK#<id>            |
 * |                   | webhook-delivery    | WEBHOOK#<hookId>          | DELIVERY#<eventId>      |
 * | inbox.ts          | inbox-item          | INBOX#<userId>            | ITEM#<eventId>          |
 * |                   | inbox-state         | INBOX#<userId>            | STATE                   |
 * |                   | notification-preferences | INBOX#<userId>            | PREFERENCES             |
 * | canned-response.ts| canned-response     | CANNED#SHARED, CANNED#USER#<userId> | RESPONSE#<id> |
 * | kb-deflection.ts  | kb-deflection-seen (TTL) | DEFLECTION#<userId> | SEEN#<sessionKey>     |
 * |                   | kb-deflection-day (TTL)  | DEFLECTION#<userId> | DAY#<yyyy-mm-dd>      |
 * | saved-view.ts     | saved-view          | VIEWS#SHARED, VIEWS#USER#<userId> | VIEW#<id>   |
 * | presence.ts       | presence (TTL)      | PRESENCE#<ticketId>       | USER#<userId>           |
 * | search-segment.ts | search-segment      | SEARCH#<index>            | <scope>#<segment>       |
 * | kb-article.ts     | kb-article          | KB                        | ARTICLE#<id>            |
 * |                   | kb-article-version  | KB#<id>                   | VERSION#<000042>        |
 * | inbound-mail.ts   | ticket-reference    | REFERENCE#<reference>     | REFERENCE               |
 * |                   | mail-domain         | MAILDOMAIN#<domain>       | MAILDOMAIN              |
 * |                   | inbound-dead-letter | INBOUND_MAIL              | DEAD#<ulid>             |
 * |                   | mail-sender-hour (TTL) | MAILSENDER#<address>   | HOUR#<yyyy-mm-ddThh>    |
 * |                   | inbound-settings    | CONFIG                    | INBOUND_MAIL            |
 * | ticket-erasure.ts | ticket-erasure      | ERASURE#<ticketId>        | ERASURE                 |
 * | report.ts         | report-cell         | REPORT#H#<yyyy-mm>, REPORT#D#<yyyy>, REPORT#M | <period>#<dimensions> |
 * |                   | report-fact         | REPORT#TICKET#<id>        | FACT                    |
 * |                   | report-seen (TTL)   | REPORT#TICKET#<id>        | SEEN#<changeId>         |
 * |                   | report-csat         | REPORT#CSAT#<yyyy>        | <createdAt>#<ticketId>  |
 * |                   | report-topic        | REPORT#TOPICS#<yyyy>      | <day>#<kind>#<topic>    |
 *
 * GSIs by entity: gsi1 tickets by organisation · gsi2 tickets by queue then status ·
 * gsi3 tickets by assignee · gsi4 tickets by requester, users by e-mail · gsi5 tickets by
 * status, users by role, organisations (`ORGANISATIONS`) · gsi6 all tickets by creation, pending schedules by due time,
 * pending webhook retries by due time.
 */
export const tableDefinition = {
  partitionKey: PARTITION_KEY,
  sortKey: SORT_KEY,
  ttlAttribute: TTL_ATTRIBUTE,
  globalSecondaryIndexes: indexNames.map((name) => ({ indexName: name, ...indexKeyNames(name) })),
} as const;

/** Every item type stored in the table. */
export const entities = {
  ticket: ticketEntity,
  message: messageEntity,
  event: eventEntity,
  feedback: feedbackEntity,
  notification: notificationEntity,
  attachment: attachmentEntity,
  attachmentUsage: attachmentEntity.usage,
  idempotency: idempotencyEntity,
  counter: counterEntity,
  organisation: organisationEntity,
  user: userEntity,
  agentState: agentStateEntity,
  domainClaim: domainClaimEntity,
  audit: auditEntity,
  invitation: invitationEntity,
  queue: queueEntity,
  queueCountShard: queueCountShardEntity,
  slaPolicies: slaPoliciesEntity,
  slaCalendar: slaCalendarEntity,
  slaPolicyChange: slaPolicyChangeEntity,
  slaReapplyJob: slaReapplyJobEntity,
  slaCalendarChange: slaCalendarChangeEntity,
  automationRules: automationRulesEntity,
  automationRulesChange: automationRulesChangeEntity,
  settingsDocument: settingsDocumentEntity,
  settingsDocumentChange: settingsDocumentChangeEntity,
  schedule: scheduleEntity,
  demoSeed: demoSeedEntity,
  webhook: webhookEntity,
  webhookDelivery: deliveryEntity,
  inboxItem: inboxItemEntity,
  inboxState: inboxStateEntity,
  notificationPreferences: notificationPreferencesEntity,
  cannedResponse: cannedResponseEntity,
  savedView: savedViewEntity,
  kbDeflectionSeen: kbDeflectionSeenEntity,
  kbDeflectionDay: kbDeflectionDayEntity,
  presence: presenceEntity,
  searchSegment: searchSegmentEntity,
  kbArticle: kbArticleEntity,
  kbArticleVersion: kbArticleVersionEntity,
  ticketReference: ticketReferenceEntity,
  mailDomain: mailDomainEntity,
  inboundDeadLetter: inboundDeadLetterEntity,
  mailSenderHour: mailSenderHourEntity,
  inboundSettings: inboundSettingsEntity,
  reportCell: reportCellEntity,
  reportFact: reportFactEntity,
  reportSeen: reportSeenEntity,
  reportCsat: reportCsatEntity,
  reportTopic: reportTopicEntity,
  ticketErasure: ticketErasureEntity,
};
