import type { Clock } from '#platform/ports.js';
import type { StreamChange } from '#platform/stream.js';
import { ticketEntity } from '#platform/table/ticket.js';
import type { TicketFiles, TicketRemains } from '../ports.js';

export interface EraseRemainsDeps {
  remains: TicketRemains;
  files: TicketFiles;
  clock: Clock;
}

/** The id of the ticket a stream record removed, or null when it removed something else. */
export const removedTicketId = (change: StreamChange): string | null => {
  const old = change.oldImage;
  if (change.eventName !== 'REMOVE' || old?.entity !== ticketEntity.name) return null;
  return typeof old.id === 'string' ? old.id : null;
};

/**
 * The `ticket-erasure` stream consumer (docs/change-events.md): after `DELETE /tickets/{id}`
 * removed the ticket item, its stored files go, then every item left in its partition (messages,
 * history, attachment items, notification records, feedback), page by page, then its erasure
 * record is marked done. Every step deletes, so a record delivered twice, or retried after a
 * failure half-way, does no harm and finishes the work.
 */
export const eraseRemains = async (
  deps: EraseRemainsDeps,
  change: StreamChange,
): Promise<{ files: number; items: number } | null> => {
  const ticketId = removedTicketId(change);
  if (!ticketId) return null;
  const files = await deps.files.removeFilesOf(ticketId);
  const items = await deps.remains.eraseRemains(ticketId);
  await deps.remains.markErased(ticketId, deps.clock.now().toISOString());
  return { files, items };
};
