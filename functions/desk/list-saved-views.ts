import { listSavedViews } from '#desk/use-cases/saved-views.js';
import { json, route, signedIn } from '../http/route.js';
import { savedViewDeps } from '../wiring/desk.js';

/** The shared views and the caller's own (2 Queries). */
export const handler = route({ action: 'views:read' }, async ({ caller }) =>
  json(200, { items: await listSavedViews(savedViewDeps, signedIn(caller)) }),
);
