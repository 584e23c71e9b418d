import * as z from 'zod';
import { Timestamp } from '#tickets/timestamp.js';

/**
 * Webhooks for integrators (docs/webhooks.md): an admin registers an HTTPS endpoint and the
 * event types it wants; every ticket event of those types is POSTed to it, signed with the
 * hook's secret (Standard Webhooks).
 */
export const webhookEventTypes = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'ticket.resolved',
  'ticket.closed',
  'sla.breached',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The hook list is read whole by every delivery, so it stays small. */
export const MAX_WEBHOOKS = 25;

const MAX_URL_LENGTH = 2048;

export const WebhookId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a webhook id');
export const WebhookPathParams = z.strictObject({ id: WebhookId });

const Url = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
  .refine((text) => URL.canParse(text), 'url must be an absolute URL such as https://example.com/hooks');

const Events = z
  .array(WebhookEventType)
  .min(1, 'events must name at least one event type')
  .refine((events) => new Set(events).size === events.length, 'events must not repeat a type');

export const NewWebhook = z
  .strictObject({
    url: Url,
    events: Events,
    active: z.boolean().default(true),
    includeInternal: z.boolean().default(false).meta({
      description:
        'Staff-scoped: also deliver internal notes (message.created with internal: true) and internal history events. Off by default.',
    }),
    description: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'NewWebhook' });
export type NewWebhook = z.infer<typeof NewWebhook>;

export const WebhookPatch = z
  .strictObject({
    url: Url.optional(),
    events: Events.optional(),
    active: z.boolean().optional(),
    includeInternal: z.boolean().optional(),
    description: z.string().trim().max(200).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Change at least one field',
  })
  .meta({ id: 'WebhookPatch' });
export type WebhookPatch = z.infer<typeof WebhookPatch>;

/** A webhook as the API shows it: never its secret. */
export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventType),
    active: z.boolean(),
    includeInternal: z.boolean(),
    description: z.string().nullable(),
    version: z.int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    failingSince: Timestamp.nullable().meta({
      description: 'The first failed attempt since the last successful delivery',
    }),
    disabledAt: Timestamp.nullable(),
    disabledReason: z.enum(['failing']).nullable().meta({
      description: 'failing: every delivery failed for 3 days; PATCH active: true turns it back on',
    }),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof WebhookView>;

/** The answer to a create: the only time the secret is shown. */
export const CreatedWebhook = WebhookView.extend({
  secret: z.string().meta({
    description: 'whsec_ + base64 of 32 random bytes: verify Webhook-Signature with it (shown once)',
  }),
}).meta({ id: 'CreatedWebhook' });

export const WebhookList = z.object({ items: z.array(WebhookView) }).meta({ id: 'WebhookList' });

/** A stored webhook: the view plus its signing secret. */
export interface Webhook extends WebhookView {
  secret: string;
  /** The `disabledAt` admins were mailed about (so they are told once). */
  adminsNotifiedAt: string | null;
}

export const viewOf = ({ secret: _, adminsNotifiedAt: __, ...view }: Webhook): WebhookView => view;

/** Whether a hook takes this event: active, subscribed, and staff-scoped when the event is staff-only. */
export const wants = (hook: Webhook, type: WebhookEventType, staffOnly: boolean): boolean =>
  hook.active && hook.events.includes(type) && (!staffOnly || hook.includeInternal);
