import type { Channel, CreateTicketBody, PatchTicketBody, Priority, Ticket } from '../../api/types.js';

/** The new-ticket form as typed. */
export interface NewTicketForm {
  subject: string;
  description: string;
  category: string;
  orgId: string;
  requesterEmail: string;
  priority: string;
  queue: string;
  /** Staff: where the request came in (a call, a chat, a mail forwarded by hand). */
  channel: Channel;
}

export const emptyNewTicket: NewTicketForm = {
  subject: '',
  description: '',
  category: '',
  orgId: '',
  requesterEmail: '',
  priority: '',
  queue: '',
  channel: 'web',
};

/** What the form sends: only what the user filled in, so the API applies its own defaults. */
export const createBody = (form: NewTicketForm, staff: boolean): CreateTicketBody => {
  const body: CreateTicketBody = { subject: form.subject, description: form.description };
  if (form.category) body.category = form.category;
  if (staff) {
    if (form.orgId.trim()) body.orgId = form.orgId.trim();
    if (form.requesterEmail.trim()) body.requester = { email: form.requesterEmail.trim() };
    if (form.priority) body.priority = form.priority as Priority;
    if (form.queue) body.queue = form.queue;
    if (form.channel !== 'web') body.channel = form.channel;
  }
  return body;
};

/** Tags as typed by an agent: split on spaces and commas, duplicates dropped. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/** The agent's properties form on the ticket page. */
export interface PropertiesForm {
  status: string;
  /** With status `postponed`: when it goes back to open, as a datetime-local input holds it (local time). */
  postponedUntil: string;
  priority: string;
  queue: string;
  category: string;
  tags: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
export const toLocalInput = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const propertiesOf = (ticket: Ticket): PropertiesForm => ({
  status: ticket.status,
  postponedUntil: ticket.postponedUntil ? toLocalInput(ticket.postponedUntil) : '',
  priority: ticket.priority,
  queue: ticket.queue,
  category: ticket.category ?? '',
  tags: ticket.tags.join(' '),
});

/** Only what the agent changed, so the history shows exactly that. */
export const propertiesPatch = (ticket: Ticket, form: PropertiesForm): PatchTicketBody => {
  const patch: PatchTicketBody = {};
  if (form.status !== ticket.status) patch.status = form.status as PatchTicketBody['status'];
  if (form.status === 'postponed' && form.postponedUntil) {
    // The input holds local time; the API takes an instant.
    const until = new Date(form.postponedUntil).toISOString();
    if (until !== ticket.postponedUntil) patch.postponedUntil = until;
  }
  if (form.priority !== ticket.priority) patch.priority = form.priority as Priority;
  if (form.queue !== ticket.queue) patch.queue = form.queue;
  if (form.category !== (ticket.category ?? '')) patch.category = form.category || null;
  const tags = parseTags(form.tags);
  if (tags.join(' ') !== ticket.tags.join(' ')) patch.tags = tags;
  return patch;
};

/** Picking a ticket up assigns it to oneself and, when it is new, opens it (which stops the TTS clock). */
export const pickUpPatch = (ticket: Pick<Ticket, 'status'>): PatchTicketBody => ({
  assignee: 'me',
  ...(ticket.status === 'new' ? { status: 'open' } : {}),
});
