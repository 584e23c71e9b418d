import { Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { HostResolver, WebhookStore } from '../ports.js';
import { newWebhookSecret } from '../signature.js';
import { addressProblem, literalAddressOf, type TargetRules, urlProblem } from '../targets.js';
import { type NewWebhook, viewOf, type Webhook, type WebhookPatch, type WebhookView } from '../webhook.js';

export interface WebhookAdminDeps {
  store: WebhookStore;
  resolver: HostResolver;
  targets: TargetRules;
  clock: Clock;
  ids: IdGenerator;
}

const invalidUrl = (message: string) =>
  new Invalid('The webhook url is not allowed', [{ path: 'url', message }]);

/**
 * Refuses a URL a delivery could not or must not reach (docs/webhooks.md, SSRF): in the cloud
 * https only, and every address the host resolves to public. Deliveries check again on connect.
 */
export const checkTarget = async (deps: Pick<WebhookAdminDeps, 'resolver' | 'targets'>, text: string) => {
  const url = new URL(text);
  const problem = urlProblem(url, deps.targets);
  if (problem) throw invalidUrl(problem);
  if (deps.targets.allowLocal) return;
  const literal = literalAddressOf(url);
  const addresses = literal ? [literal] : await deps.resolver.resolve(url.hostname);
  const refused = addressProblem(addresses, deps.targets);
  if (refused) throw invalidUrl(refused);
};

export const createWebhook = async (
  deps: WebhookAdminDeps,
  body: NewWebhook,
): Promise<WebhookView & { secret: string }> => {
  await checkTarget(deps, body.url);
  const now = deps.clock.now().toISOString();
  const hook: Webhook = {
    id: deps.ids.next(),
    url: body.url,
    events: body.events,
    active: body.active,
    includeInternal: body.includeInternal,
    description: body.description ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    failingSince: null,
    disabledAt: null,
    disabledReason: null,
    adminsNotifiedAt: null,
    secret: newWebhookSecret(),
  };
  await deps.store.create(hook);
  return { ...viewOf(hook), secret: hook.secret };
};

export const listWebhooks = async (deps: Pick<WebhookAdminDeps, 'store'>): Promise<WebhookView[]> =>
  (await deps.store.list()).map(viewOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

const load = async (deps: Pick<WebhookAdminDeps, 'store'>, id: string): Promise<Webhook> => {
  const hook = await deps.store.get(id);
  if (!hook) throw new NotFound('No such webhook');
  return hook;
};

export const getWebhook = async (deps: Pick<WebhookAdminDeps, 'store'>, id: string): Promise<WebhookView> =>
  viewOf(await load(deps, id));

/**
 * Changes a hook, as version + 1 (If-Match: 412 when it moved). Turning a hook on again clears
 * its failure record, so it gets three fresh days.
 */
export const updateWebhook = async (
  deps: WebhookAdminDeps,
  id: string,
  patch: WebhookPatch,
  ifMatch: number | undefined,
): Promise<WebhookView> => {
  const hook = await load(deps, id);
  if (ifMatch !== undefined && ifMatch !== hook.version) {
    throw new PreconditionFailed('The webhook changed meanwhile: read it again and retry');
  }
  if (patch.url !== undefined && patch.url !== hook.url) await checkTarget(deps, patch.url);
  const reactivated = patch.active === true && !hook.active;
  const next: Webhook = {
    ...hook,
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.events !== undefined ? { events: patch.events } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.includeInternal !== undefined ? { includeInternal: patch.includeInternal } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(reactivated ? { failingSince: null, disabledAt: null, disabledReason: null } : {}),
    version: hook.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.update(next, hook.version);
  return viewOf(next);
};

export const deleteWebhook = (deps: Pick<WebhookAdminDeps, 'store'>, id: string): Promise<void> =>
  deps.store.delete(id);
