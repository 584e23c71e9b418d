import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoSettingsDocuments } from '#platform/adapters/dynamodb-settings-documents.js';
import type { Clock } from '#platform/ports.js';
import { ttlCache } from '#platform/ttl-cache.js';
import {
  MAIL_TEMPLATES_DOCUMENT,
  type MailTemplates,
  noTemplates,
  TemplateDocument,
  templatesOf,
} from '../mail-templates.js';

/** How long a container mails with the templates it read: an admin's change applies within this. */
export const MAIL_TEMPLATES_TTL_MS = 10_000;

/**
 * The admins' mail templates for the send path: one GetItem per container and TTL, however
 * many mails go out (docs/mail-templates.md). A failed read fails the send, which is retried:
 * a customised mail never goes out in the built-in text because the table hiccupped.
 */
export const cachedMailTemplates = (
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
  ttlMs = MAIL_TEMPLATES_TTL_MS,
): (() => Promise<MailTemplates>) => {
  const documents = new DynamoSettingsDocuments(db, tableName);
  const cache = ttlCache<MailTemplates>(clock, ttlMs);
  return () =>
    cache(MAIL_TEMPLATES_DOCUMENT, async () => {
      const stored = await documents.load(MAIL_TEMPLATES_DOCUMENT);
      return stored.version === 0 ? noTemplates : templatesOf(TemplateDocument.parse(stored.value));
    });
};
