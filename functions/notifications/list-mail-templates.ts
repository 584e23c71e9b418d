import { listMailTemplates } from '#notifications/use-cases/manage-mail-templates.js';
import { json, route } from '../http/route.js';
import { mailTemplateDeps } from '../wiring/admin.js';

export const handler = route({ action: 'mail-templates:read' }, async () =>
  json(200, { templates: await listMailTemplates(mailTemplateDeps) }),
);
