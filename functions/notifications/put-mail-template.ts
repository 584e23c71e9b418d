import * as z from 'zod';
import { MailTemplatePathParams } from '#notifications/mail-templates.js';
import { putMailTemplate } from '#notifications/use-cases/manage-mail-templates.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { mailTemplateDeps } from '../wiring/admin.js';

export const handler = route(
  // The use case validates subject and body, naming the field and any unknown placeholder.
  { action: 'mail-templates:write', params: MailTemplatePathParams, body: z.unknown() },
  async ({ caller, params, body, headers }) => {
    const template = await putMailTemplate(
      mailTemplateDeps,
      signedIn(caller),
      params.kind,
      params.language,
      body,
      ifMatchVersion(headers),
    );
    return json(200, template, { etag: etag(template.version) });
  },
);
