import { SavedViewPathParams } from '#desk/saved-view.js';
import { deleteSavedView } from '#desk/use-cases/saved-views.js';
import { ifMatchVersion, route, signedIn } from '../http/route.js';
import { savedViewDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'views:write', params: SavedViewPathParams },
  async ({ caller, params, headers }) => {
    await deleteSavedView(savedViewDeps, signedIn(caller), params.id, ifMatchVersion(headers));
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },
);
