import { createHash } from 'node:crypto';
import { storeInbound } from '#attachments/use-cases/store-inbound.js';
import { type Caller, isClient } from '#identity/caller.js';
import { logger } from '#platform/logger.js';
import { MAX_MESSAGE_ATTACHMENTS, MAX_MESSAGE_BYTES, type Ticket } from '#tickets/schemas.js';
import { isFinal } from '#tickets/status.js';
import { canSee } from '#tickets/ticket.js';
import { TRIAGE_ORGANISATION, TRIAGE_QUEUE } from '#tickets/triage.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { createTicket, type DeskDecided } from '#tickets/use-cases/create-ticket.js';
import { followMerges } from '#tickets/use-cases/follow-merges.js';
import { reopenTicket } from '#tickets/use-cases/resolution.js';
import { type InboundFile, type InboundMail, MAX_INBOUND_BYTES, parseMail } from '../inbound-mail.js';
import { bounceSummary, isBounce, noAutoReplyReason } from '../loops.js';
import { type DeadLetter, type Envelope, senderLimits, type Verdicts } from '../ports.js';
import { newTextOf } from '../quoted-text.js';
import { rejectionMail } from '../rejection.js';
import {
  callerOfUser,
  domainOf,
  identityProblem,
  MAIL_DELIVERY,
  staffNote,
  verdictProblem,
} from '../senders.js';
import { referenceInSubject, subjectForTicket, ticketIdsInText, ticketIdsInThread } from '../threading.js';
import type { InboundDeps } from './deps.js';

/** A received mail: where its raw message is stored, and what the receiving server saw. */
export interface ReceivedMail {
  rawKey: string;
  receivedAt: string;
  envelope: Envelope;
  verdicts?: Verdicts | undefined;
}

export type ReceiveOutcome =
  | { outcome: 'created'; ticketId: string; reference: string; followUpOf?: string; acknowledged: boolean }
  | { outcome: 'replied'; ticketId: string; reopened: boolean; internal: boolean }
  | { outcome: 'bounce-recorded'; ticketId: string }
  | { outcome: 'rejected'; answered: boolean }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'dead-letter'; id: string; reason: string };

/** A mail the handler keeps for staff instead of processing, with the reason they will read. */
export class KeptForStaff extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'KeptForStaff';
  }
}

/** The queue and organisation of mail from senders of no known organisation (admins' choice `triage`). */
export { TRIAGE_ORGANISATION, TRIAGE_QUEUE };

/** The stable id of a contact created from an address (the same createTicket gives an outside requester). */
export const contactId = (email: string) =>
  `contact-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`;

const keyOf = (received: ReceivedMail, step: string) =>
  `mail-${createHash('sha256').update(received.rawKey).digest('hex').slice(0, 32)}-${step}`;

/** The body fits a message: a longer mail keeps its first 50 KB (the raw message has the rest). */
const fitted = (text: string): string => {
  if (Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_BYTES) return text;
  const marker = '\n\n[…shortened: the whole mail is kept with the ticket]';
  let cut = text.slice(0, MAX_MESSAGE_BYTES - 200);
  while (Buffer.byteLength(cut + marker, 'utf8') > MAX_MESSAGE_BYTES) cut = cut.slice(0, -1000);
  return cut + marker;
};

const hourOf = (at: string) => at.slice(0, 13);
const expiresAfterHour = (at: string) => Math.floor(Date.parse(at) / 1000) + 2 * 3600;

/** The ticket the mail continues: by the product's Message-IDs it answers, else the subject's reference. */
const threadOf = async (deps: InboundDeps, mail: InboundMail): Promise<Ticket | null> => {
  const ids = ticketIdsInThread([...mail.inReplyTo, ...mail.references], deps.config.threadDomain).slice(
    0,
    5,
  );
  for (const id of ids) {
    const ticket = await followMerges(deps.tickets.store, id);
    if (ticket) return ticket;
  }
  const reference = referenceInSubject(mail.subject);
  const id = reference ? await deps.inbound.ticketIdByReference(reference) : null;
  return id ? followMerges(deps.tickets.store, id) : null;
};

/** Stores the mail's files on the ticket: the ids stored, and a line for each refused one. */
const storeFiles = async (
  deps: InboundDeps,
  ticketId: string,
  caller: Caller,
  files: readonly InboundFile[],
): Promise<{ ids: string[]; refused: string[] }> => {
  const ids: string[] = [];
  const refused: string[] = [];
  const sender = { id: caller.id, name: caller.kind === 'user' ? caller.name : caller.id };
  for (const file of files) {
    const stored = await storeInbound(deps.attachments, {
      ticketId,
      fileName: file.fileName.slice(0, 200),
      contentType: file.contentType,
      bytes: file.bytes,
      sender,
    });
    if (stored.stored) ids.push(stored.attachment.id);
    else refused.push(`${stored.fileName}: ${stored.reason}`);
  }
  return { ids, refused };
};

const withRefusedFiles = (body: string, refused: readonly string[]) =>
  refused.length ? `${body}\n\n[Not attached: ${refused.join('; ')}]` : body;

/** The files as messages of at most 10 files each, the first with the text (a reply) or none (a new ticket). */
const postFiles = async (
  deps: InboundDeps,
  caller: Caller,
  ticketId: string,
  received: ReceivedMail,
  ids: readonly string[],
  internal: boolean,
) => {
  for (let start = 0; start < ids.length; start += MAX_MESSAGE_ATTACHMENTS) {
    await addMessage(
      deps.tickets,
      caller,
      ticketId,
      { attachmentIds: ids.slice(start, start + MAX_MESSAGE_ATTACHMENTS), internal, channel: 'email' },
      undefined,
      keyOf(received, `files-${start}`),
    );
  }
};

/** Whether an earlier attempt at this mail already did the step (its idempotency record is there). */
const done = async (deps: InboundDeps, caller: Caller, received: ReceivedMail, step: string) =>
  (await deps.tickets.store.getIdempotency(caller.id, keyOf(received, step))) !== null;

const openTicket = async (
  deps: InboundDeps,
  caller: Caller,
  mail: InboundMail,
  received: ReceivedMail,
  decided: DeskDecided,
): Promise<ReceiveOutcome> => {
  const text = newTextOf(mail.text);
  const already = await done(deps, caller, received, 'create');
  const body = fitted(text.body.trim() || mail.subject || '(empty mail)');
  // The files are stored under the new ticket's id before it is written, so the first ten open
  // its conversation in the create's own transaction and the acknowledgement lists them.
  const ticketId = deps.tickets.ids.next();
  const files =
    !already && mail.files.length
      ? await storeFiles(deps, ticketId, caller, mail.files)
      : { ids: [], refused: [] };
  const { ticket } = await createTicket(
    deps.tickets,
    caller,
    {
      subject: subjectForTicket(mail.subject, body.split('\n')[0]?.slice(0, 80) || '(no subject)'),
      description: body,
    },
    keyOf(received, 'create'),
    {
      ...decided,
      ...(files.ids.length
        ? { opening: { ticketId, attachmentIds: files.ids.slice(0, MAX_MESSAGE_ATTACHMENTS) } }
        : {}),
    },
  );
  if (files.refused.length) {
    await addMessage(
      deps.tickets,
      caller,
      ticket.id,
      { body: withRefusedFiles('', files.refused).trim(), channel: 'email' },
      undefined,
      keyOf(received, 'refused'),
    );
  }
  await postFiles(deps, caller, ticket.id, received, files.ids.slice(MAX_MESSAGE_ATTACHMENTS), false);
  return {
    outcome: 'created',
    ticketId: ticket.id,
    reference: ticket.reference,
    acknowledged: !ticket.noAutoReply,
    ...(decided.followUpOf ? { followUpOf: decided.followUpOf } : {}),
  };
};

/** A reply (or note) on a ticket: its new text, its files, the original for "show original". */
const reply = async (
  deps: InboundDeps,
  caller: Caller,
  ticket: Ticket,
  mail: InboundMail,
  received: ReceivedMail,
  options: { internal: boolean; body: string; original: string | undefined },
): Promise<ReceiveOutcome> => {
  if (await done(deps, caller, received, 'reply')) {
    return { outcome: 'replied', ticketId: ticket.id, reopened: false, internal: options.internal };
  }
  const files = mail.files.length
    ? await storeFiles(deps, ticket.id, caller, mail.files)
    : { ids: [], refused: [] };
  const body = fitted(withRefusedFiles(options.body, files.refused));
  const reopen = !options.internal && isClient(caller) && ticket.status === 'resolved';
  if (reopen) {
    // As the portal's Reopen: the client says the solution did not help.
    await reopenTicket(deps.tickets, caller, ticket.id, { message: body, channel: 'email' });
    await postFiles(deps, caller, ticket.id, received, files.ids, false);
  } else {
    await addMessage(
      deps.tickets,
      caller,
      ticket.id,
      {
        body,
        internal: options.internal,
        channel: 'email',
        ...(files.ids.length ? { attachmentIds: files.ids.slice(0, MAX_MESSAGE_ATTACHMENTS) } : {}),
        ...(options.original !== undefined ? { original: fitted(options.original) } : {}),
      },
      undefined,
      keyOf(received, 'reply'),
    );
    await postFiles(
      deps,
      caller,
      ticket.id,
      received,
      files.ids.slice(MAX_MESSAGE_ATTACHMENTS),
      options.internal,
    );
  }
  return { outcome: 'replied', ticketId: ticket.id, reopened: reopen, internal: options.internal };
};

/** A client's mail (a known client, or a contact of an organisation by domain, or triage). */
const clientMail = async (
  deps: InboundDeps,
  caller: Caller,
  mail: InboundMail,
  received: ReceivedMail,
  thread: Ticket | null,
  automatic: string | null,
  autoRepliesPerHour: number,
  decided: DeskDecided = {},
): Promise<ReceiveOutcome> => {
  const ticket = thread && canSee(caller, thread) ? thread : null;
  if (ticket && !isFinal(ticket.status)) {
    const text = newTextOf(mail.text);
    return reply(deps, caller, ticket, mail, received, {
      internal: false,
      body: text.body,
      original: text.trimmed ? mail.text : undefined,
    });
  }
  const sender = mail.from?.address ?? '';
  const quiet =
    automatic !== null ||
    !(await deps.inbound.takeAutoReply(
      sender,
      hourOf(received.receivedAt),
      autoRepliesPerHour,
      expiresAfterHour(received.receivedAt),
    ));
  return openTicket(deps, caller, mail, received, {
    ...decided,
    channel: 'email',
    ...(ticket ? { followUpOf: ticket.id } : {}),
    ...(quiet ? { noAutoReply: true } : {}),
  });
};

/** The client user an unknown sender becomes: no password, able to follow the ticket by its mails. */
const contactFor = async (deps: InboundDeps, mail: InboundMail, orgId: string): Promise<Caller> => {
  const email = mail.from?.address ?? '';
  const user = {
    id: contactId(email),
    email,
    name: (mail.from?.name || email).slice(0, 100),
    role: 'client' as const,
    orgId,
    locale: 'en',
    timeZone: 'UTC',
  };
  await deps.tickets.users.put(user);
  return callerOfUser(user);
};

const recordBounce = async (
  deps: InboundDeps,
  mail: InboundMail,
  received: ReceivedMail,
): Promise<ReceiveOutcome> => {
  const ids = [
    ...ticketIdsInText(mail.reportText, deps.config.threadDomain),
    ...ticketIdsInThread([...mail.inReplyTo, ...mail.references], deps.config.threadDomain),
  ].slice(0, 5);
  for (const id of ids) {
    const ticket = await followMerges(deps.tickets.store, id);
    if (!ticket) continue;
    await addMessage(
      deps.tickets,
      MAIL_DELIVERY,
      ticket.id,
      { body: fitted(bounceSummary(mail)), internal: true, channel: 'email' },
      undefined,
      keyOf(received, 'bounce'),
    );
    return { outcome: 'bounce-recorded', ticketId: ticket.id };
  }
  return { outcome: 'ignored', reason: 'a delivery report about no ticket of ours' };
};

/** Everything after the raw message is read: throws KeptForStaff (or anything else) to keep it. */
const process = async (
  deps: InboundDeps,
  received: ReceivedMail,
  raw: Uint8Array,
  seen: (mail: InboundMail) => void,
  options: { retry: boolean },
): Promise<ReceiveOutcome> => {
  if (raw.byteLength > MAX_INBOUND_BYTES) throw new KeptForStaff('The mail is larger than 25 MB');
  let mail: InboundMail | null = null;
  let unreadable: Error | null = null;
  try {
    mail = await parseMail(raw);
    // Seen before the verdicts decide, so a mail kept for them is listed with its sender and subject.
    seen(mail);
  } catch (error) {
    unreadable = error as Error;
  }
  const verdict = verdictProblem(received.verdicts);
  if (verdict) throw new KeptForStaff(verdict);
  if (!mail) throw new KeptForStaff(`The mail could not be read: ${unreadable?.message}`);
  if (isBounce(mail)) return recordBounce(deps, mail, received);
  const sender = mail.from?.address;
  if (!sender) throw new KeptForStaff('The mail names no sender (From)');
  if (deps.config.ownAddresses.includes(sender))
    return { outcome: 'ignored', reason: 'a mail from our own address' };
  const settings = await deps.inbound.settings();
  const limits = senderLimits(settings);
  if (!options.retry) {
    const count = await deps.inbound.countMail(
      sender,
      hourOf(received.receivedAt),
      expiresAfterHour(received.receivedAt),
    );
    if (count > limits.mailsPerHour) {
      throw new KeptForStaff(`${sender} sent more than ${limits.mailsPerHour} mails within the hour`);
    }
  }
  const identity = identityProblem(sender, received.envelope, received.verdicts);
  if (identity) throw new KeptForStaff(`Not accepted as ${sender}: ${identity}`);
  const automatic = noAutoReplyReason(mail, received.envelope.from, deps.config.ownAddresses);
  const thread = await threadOf(deps, mail);
  const user = await deps.tickets.users.findByEmail(sender);
  // A deactivated person can do nothing more through mail than through the API (docs/admin.md):
  // the mail waits for the admins, who may reactivate them and retry it.
  if (user?.active === false) {
    throw new KeptForStaff(`${sender}'s account is deactivated: nothing is written as theirs`);
  }
  if (user && user.role !== 'client') {
    if (!thread) {
      throw new KeptForStaff(
        `${sender} is staff, and the mail answers no ticket (reply to a ticket's mail to write on it)`,
      );
    }
    const text = newTextOf(mail.text);
    const { note, body } = staffNote(text.body);
    return reply(deps, callerOfUser(user), thread, mail, received, {
      internal: note,
      body: body || '(empty)',
      original: text.trimmed ? mail.text : undefined,
    });
  }
  if (user) {
    return clientMail(deps, callerOfUser(user), mail, received, thread, automatic, limits.autoRepliesPerHour);
  }
  const orgId = await deps.inbound.organisationOfDomain(domainOf(sender));
  if (orgId) {
    const contact = await contactFor(deps, mail, orgId);
    return clientMail(deps, contact, mail, received, thread, automatic, limits.autoRepliesPerHour);
  }
  if (settings.unknownSenders === 'reject') {
    const answer =
      automatic === null &&
      (await deps.inbound.takeAutoReply(
        sender,
        hourOf(received.receivedAt),
        limits.autoRepliesPerHour,
        expiresAfterHour(received.receivedAt),
      ));
    if (answer) {
      await deps.mailer.send(
        rejectionMail(mail, sender, { id: deps.tickets.ids.next(), domain: deps.config.threadDomain }),
      );
    }
    return { outcome: 'rejected', answered: answer };
  }
  const contact = await contactFor(deps, mail, TRIAGE_ORGANISATION);
  return clientMail(deps, contact, mail, received, thread, automatic, limits.autoRepliesPerHour, {
    queue: TRIAGE_QUEUE,
  });
};

const deadLetter = async (
  deps: InboundDeps,
  received: ReceivedMail,
  mail: InboundMail | null,
  error: unknown,
  earlier: DeadLetter | null,
): Promise<ReceiveOutcome> => {
  const reason =
    error instanceof KeptForStaff
      ? error.message
      : `Processing failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (!(error instanceof KeptForStaff))
    logger.error('inbound mail failed', { rawKey: received.rawKey, error });
  const letter: DeadLetter = {
    id: earlier?.id ?? deps.tickets.ids.next(),
    rawKey: received.rawKey,
    receivedAt: received.receivedAt,
    failedAt: deps.tickets.clock.now().toISOString(),
    from: mail?.from?.address ?? earlier?.from ?? null,
    subject: mail ? mail.subject.slice(0, 200) : (earlier?.subject ?? null),
    reason: reason.slice(0, 1000),
    attempts: (earlier?.attempts ?? 0) + 1,
    envelope: received.envelope,
    ...(received.verdicts ? { verdicts: received.verdicts } : {}),
  };
  await deps.inbound.putDeadLetter(letter);
  return { outcome: 'dead-letter', id: letter.id, reason: letter.reason };
};

/**
 * The inbound-mail handler (docs/inbound-mail.md): the raw message is already stored; it is
 * read, threaded and turned into a ticket, a reply, a reopen, a follow-up, a note or a bounce
 * record through the ticket use cases. Whatever cannot be processed lands in the dead-letter
 * list with its reason (never lost); only a failure to write that list throws.
 */
export const receiveMail = async (deps: InboundDeps, received: ReceivedMail): Promise<ReceiveOutcome> => {
  let mail: InboundMail | null = null;
  try {
    const raw = await deps.raw.get(received.rawKey);
    if (!raw) throw new KeptForStaff(`The raw message ${received.rawKey} is not in storage`);
    return await process(deps, received, raw, (parsed) => (mail = parsed), { retry: false });
  } catch (error) {
    return deadLetter(deps, received, mail, error, null);
  }
};

/** Processes a dead letter again (after a fix): gone from the list when it worked, its reason updated when not. */
export const retryDeadLetter = async (deps: InboundDeps, letter: DeadLetter): Promise<ReceiveOutcome> => {
  const received: ReceivedMail = {
    rawKey: letter.rawKey,
    receivedAt: letter.receivedAt,
    envelope: letter.envelope,
    verdicts: letter.verdicts,
  };
  let mail: InboundMail | null = null;
  try {
    const raw = await deps.raw.get(received.rawKey);
    if (!raw) throw new KeptForStaff(`The raw message ${received.rawKey} is not in storage`);
    const outcome = await process(deps, received, raw, (parsed) => (mail = parsed), { retry: true });
    await deps.inbound.removeDeadLetter(letter.id);
    return outcome;
  } catch (error) {
    return deadLetter(deps, received, mail, error, letter);
  }
};
