import { AttachmentPathParams } from '#attachments/attachment.js';
import { getDownload } from '#attachments/use-cases/read-attachments.js';
import { json, route, signedIn } from '../http/route.js';
import { hideUnlessVisible } from '../tickets/visibility.js';
import { attachmentDeps } from '../wiring/attachments.js';

export const handler = route(
  { action: 'attachments:read', hideForbidden: hideUnlessVisible, params: AttachmentPathParams },
  async ({ caller, params }) =>
    json(200, await getDownload(attachmentDeps, signedIn(caller), params.id, params.attachmentId)),
);
