import { MailTemplatePathParams } from '#notifications/mail-templates.js';
import { PreviewBody, previewMailTemplate } from '#notifications/use-cases/manage-mail-templates.js';
import { json, route } from '../http/route.js';
import { mailTemplateDeps } from '../wiring/admin.js';

export const handler = route(
  { action: 'mail-templates:write', params: MailTemplatePathParams, body: PreviewBody, bodyOptional: true },
  async ({ params, body }) =>
    json(200, await previewMailTemplate(mailTemplateDeps, params.kind, params.language, body ?? {})),
);
