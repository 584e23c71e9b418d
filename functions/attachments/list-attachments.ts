import { listAttachments } from '#attachments/use-cases/read-attachments.js';
import { TicketPathParams } from '#tickets/schemas.js';
import { json, route, signedIn } from '../http/route.js';
import { hideUnlessVisible } from '../tickets/visibility.js';
import { attachmentDeps } from '../wiring/attachments.js';

export const handler = route(
  { action: 'attachments:list', hideForbidden: hideUnlessVisible, params: TicketPathParams },
  async ({ caller, params }) => json(200, await listAttachments(attachmentDeps, signedIn(caller), params.id)),
);
