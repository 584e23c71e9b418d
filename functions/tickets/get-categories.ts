import { getCategories } from '#tickets/use-cases/manage-categories.js';
import { etag, json, route } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';

export const handler = route({ action: 'categories:read' }, async () => {
  const { categories, version } = await getCategories(categoryDeps);
  return json(200, { categories }, { etag: etag(version) });
});
