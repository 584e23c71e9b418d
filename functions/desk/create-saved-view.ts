import { NewSavedView } from '#desk/saved-view.js';
import { createSavedView } from '#desk/use-cases/saved-views.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { API_PREFIX } from '../http/routes.js';
import { savedViewDeps } from '../wiring/desk.js';

export const handler = route({ action: 'views:write', body: NewSavedView }, async ({ caller, body }) => {
  const view = await createSavedView(savedViewDeps, signedIn(caller), body);
  return json(201, view, { etag: etag(view.version), location: `${API_PREFIX}/views/${view.id}` });
});
