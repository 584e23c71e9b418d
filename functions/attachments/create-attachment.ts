import { CreateAttachmentBody } from '#attachments/attachment.js';
import { requestUpload } from '#attachments/use-cases/request-upload.js';
import { TicketPathParams } from '#tickets/schemas.js';
import { json, route, signedIn } from '../http/route.js';
import { hideUnlessVisible } from '../tickets/visibility.js';
import { attachmentDeps } from '../wiring/attachments.js';

export const handler = route(
  {
    action: 'attachments:create',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: CreateAttachmentBody,
  },
  async ({ caller, params, body }) => {
    const slot = await requestUpload(attachmentDeps, signedIn(caller), params.id, body);
    return json(201, slot, { location: `/api/v1/tickets/${params.id}/attachments/${slot.id}` });
  },
);
