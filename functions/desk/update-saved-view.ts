import { SavedViewPatch, SavedViewPathParams } from '#desk/saved-view.js';
import { updateSavedView } from '#desk/use-cases/saved-views.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { savedViewDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'views:write', params: SavedViewPathParams, body: SavedViewPatch },
  async ({ caller, params, body, headers }) => {
    const view = await updateSavedView(
      savedViewDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, view, { etag: etag(view.version) });
  },
);
