import { MailTemplatePathParams } from '#notifications/mail-templates.js';
import { resetMailTemplate } from '#notifications/use-cases/manage-mail-templates.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { mailTemplateDeps } from '../wiring/admin.js';

/** `DELETE /mail-templates/{kind}/{language}`: the built-in text applies again (docs/mail-templates.md). */
export const handler = route(
  { action: 'mail-templates:write', params: MailTemplatePathParams },
  async ({ caller, params, headers }) => {
    const template = await resetMailTemplate(
      mailTemplateDeps,
      signedIn(caller),
      params.kind,
      params.language,
      ifMatchVersion(headers),
    );
    return json(200, template, { etag: etag(template.version) });
  },
);
