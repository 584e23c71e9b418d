import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem.js';
import type { LoggedChannel, Message, Page, Ticket, TicketEvent } from '../../api/types.js';
import {
  DateTime,
  ErrorMessage,
  errorText,
  Loading,
  PriorityLabel,
  StatusBadge,
} from '../../components/ui.js';
import { isStaff, useApp, useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useLocation } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { AttachmentPicker, pastedFiles, useAttachments } from '../attachments/attachment-picker.js';
import { MessageAttachments } from '../attachments/message-attachments.js';
import { CannedPicker } from '../desk/canned-picker.js';
import { DeleteDialog } from '../desk/delete-dialog.js';
import { MergeDialog } from '../desk/merge-dialog.js';
import { PresenceLine, usePresence } from '../desk/presence.js';
import { COMPOSE_EVENT, type ComposeMode } from '../desk/shortcuts.js';
import { KbLinkPicker } from '../kb/link-picker.js';
import { useQueueNames } from '../queues/queue-names.js';
import { runningDeadlines } from '../sla/sla.js';
import { SlaBadge } from '../sla/sla-badge.js';
import { CategoryName } from './categories.js';
import { ChannelIcon, ChannelSelect, replyChannels } from './channel.js';
import { TicketFieldsPanel } from './custom-fields.js';
import { FeedbackForm } from './feedback-form.js';
import { History } from './history.js';
import { StaffActions } from './staff-actions.js';
import { isFinished } from './status.js';
import type { TicketAction } from './ticket-action.js';
import { TriageMove } from './triage-move.js';

/** Pages through a whole list, bounded so a huge ticket cannot stall the page. */
const allPages = async <T,>(fetchPage: (cursor: string | null) => Promise<{ data: Page<T> }>, max = 20) => {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < max; page++) {
    const { data } = await fetchPage(cursor);
    items.push(...data.items);
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return items;
};

const byTime =
  <T,>(time: (item: T) => string) =>
  (a: T, b: T) =>
    Date.parse(time(a)) - Date.parse(time(b));

export const TicketPage = ({ id }: { id: string }) => {
  const { api, notify } = useApp();
  const user = useUser();
  const staff = isStaff(user);
  const { search } = useLocation();
  const i18n = useI18n();
  const { t, tx } = i18n;
  const queueName = useQueueNames();
  const ticket = useLoad(async () => (await api.getTicket(id)).data, [id]);
  const messages = useLoad(
    async () =>
      (await allPages((cursor) => api.listMessages(id, cursor))).sort(byTime((m: Message) => m.createdAt)),
    [id],
  );
  const events = useLoad(
    async () =>
      (await allPages((cursor) => api.listEvents(id, cursor))).sort(byTime((e: TicketEvent) => e.at)),
    [id],
  );
  const [reply, setReply] = useState('');
  /** Staff log a phone call or chat transcript on the ticket: the message keeps its channel. */
  const [channel, setChannel] = useState<LoggedChannel>('web');
  const [busy, setBusy] = useState(false);
  const [cannedOpen, setCannedOpen] = useState(false);
  const files = useAttachments();
  /** Set by the `n` shortcut (cleared by `r` or a sent note): the box is marked and described as a note. */
  const [noteMode, setNoteMode] = useState(false);
  /** Messages by others that arrived after the page showed the conversation, found just before a send. */
  const [collision, setCollision] = useState<Message[]>([]);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const others = usePresence(id, reply.trim() ? 'replying' : 'viewing', staff);
  const mergedInto = useLoad(
    async () => (ticket.data?.mergedInto ? (await api.getTicket(ticket.data.mergedInto)).data : null),
    [ticket.data?.mergedInto],
  );

  // The desk's keyboard shortcuts (r, n, /) ask for the reply box.
  useEffect(() => {
    const onCompose = (event: Event) => {
      const mode = (event as CustomEvent<ComposeMode>).detail;
      replyBox.current?.focus();
      if (mode === 'canned') setCannedOpen(true);
      else setNoteMode(mode === 'note');
    };
    window.addEventListener(COMPOSE_EVENT, onCompose);
    return () => window.removeEventListener(COMPOSE_EVENT, onCompose);
  }, []);

  /** Puts a canned response's text or an article's link at the cursor of the reply box, and says so. */
  const insert = (text: string, notice: string) => {
    const box = replyBox.current;
    const at = box?.selectionStart ?? reply.length;
    const end = box?.selectionEnd ?? at;
    setReply((now) => `${now.slice(0, at)}${text}${now.slice(end)}`);
    notify('info', notice);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  // Clears the box only if it still holds what was sent: the user may have typed on meanwhile.
  const clearReply = (sent: string) => setReply((now) => (now.trim() === sent ? '' : now));

  const reloadAll = async () => {
    await Promise.all([ticket.reload(), messages.reload(), events.reload()]);
  };

  /** Runs one change with the ticket's version; a stale version (412) reloads the ticket and says so. */
  const run: TicketAction = async (perform, success, showAtFields) => {
    const current = ticket.data;
    if (!current || busy) return false;
    setBusy(true);
    try {
      await perform(current, api);
      notify('success', success);
      await reloadAll();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        notify('error', t('ticket.stale'));
        await reloadAll();
      } else if (!(error instanceof ApiError && showAtFields?.(error)))
        notify('error', errorText(error, i18n));
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** Whether someone else wrote on the ticket since the conversation was loaded: then show it, do not send. */
  const othersWroteMeanwhile = async (): Promise<boolean> => {
    const known = new Set((messages.data ?? []).map((message) => message.id));
    const fresh = await allPages((cursor) => api.listMessages(id, cursor));
    const meanwhile = fresh.filter((message) => !known.has(message.id) && message.author.id !== user.id);
    if (meanwhile.length === 0) return false;
    setCollision(meanwhile);
    // The ticket moved with those messages: its fresh version lets "Send anyway" go through.
    await Promise.all([messages.reload(), ticket.reload(), events.reload()]);
    return true;
  };

  const send = async (internal: boolean, despiteOthers = false) => {
    const text = reply.trim();
    if (!text && files.files.length === 0) return;
    // A file that cannot be sent is listed with its error: nothing goes until it is removed.
    if (files.refused) return;
    if (staff && !internal && !despiteOthers && (await othersWroteMeanwhile())) return;
    setCollision([]);
    // The files go to storage first (each with its progress); a refused one stays listed with its error.
    const uploaded = files.files.length ? await files.uploadAll(api, id) : { ids: [], errors: [] };
    if (uploaded.errors.length) return;
    const attachmentIds = uploaded.ids;
    const sent = await run(
      (current, client) =>
        client.postMessage(
          current.id,
          current.version,
          text,
          internal,
          attachmentIds,
          staff ? channel : undefined,
        ),
      internal ? t('ticket.noteAdded') : t('ticket.replySent'),
    );
    if (sent) {
      clearReply(text);
      files.clear();
      setChannel('web');
    }
    if (sent && internal) setNoteMode(false);
  };
  const canSend = !busy && !files.busy && (reply.trim() !== '' || files.files.length > 0);

  // A mail's "Accept the solution" link (?action=accept) lands on the Accept button.
  const acceptButton = useRef<HTMLButtonElement>(null);
  const wantsAccept = new URLSearchParams(search).get('action') === 'accept';
  const canAccept = !staff && ticket.data?.status === 'resolved';
  useEffect(() => {
    if (!wantsAccept || !canAccept) return;
    acceptButton.current?.focus();
    acceptButton.current?.scrollIntoView({ block: 'center' });
  }, [wantsAccept, canAccept]);

  // The tab says which ticket it is, so a stack of tabs stays readable.
  const reference = ticket.data?.reference;
  useEffect(() => {
    if (reference) document.title = `${reference} · ${t('app.name')}`;
  }, [reference, t]);

  if (ticket.error !== undefined) {
    const missing = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <section>
        <h1>{t('ticket.notFound')}</h1>
        {!missing && <ErrorMessage error={ticket.error} onRetry={ticket.reload} />}
        <a href="/">{t('ticket.backToList')}</a>
      </section>
    );
  }
  if (!ticket.data) return <Loading />;
  const current = ticket.data;
  const finished = isFinished(current.status);
  const feedbackGiven = events.data?.some((event) => event.type === 'feedback.given') ?? false;

  return (
    <article class="ticket">
      <p class="breadcrumb">
        <a href="/">{t('ticket.backToList')}</a>
      </p>
      <header class="ticket-head">
        <h1>
          {staff && <ChannelIcon channel={current.channel} />}{' '}
          <span class="reference">{current.reference}</span> <span class="subject">{current.subject}</span>
        </h1>
        <dl class="facts">
          <div>
            <dt>{t('tickets.status')}</dt>
            <dd>
              <StatusBadge status={current.status} />
            </dd>
          </div>
          <div>
            <dt>{t('tickets.priority')}</dt>
            <dd>
              <PriorityLabel priority={current.priority} />
            </dd>
          </div>
          <div>
            <dt>{t('tickets.category')}</dt>
            <dd>{current.category ? <CategoryName id={current.category} /> : t('app.none')}</dd>
          </div>
          {staff && (
            <div>
              <dt>{t('tickets.queue')}</dt>
              <dd>{queueName(current.queue)}</dd>
            </div>
          )}
          <div>
            <dt>{t('tickets.assignee')}</dt>
            <dd>{current.assignee?.name ?? t('tickets.unassigned')}</dd>
          </div>
          <div>
            <dt>{t('tickets.requester')}</dt>
            <dd>
              {current.requester.name}
              {staff && ` · ${current.orgId}`}
            </dd>
          </div>
          <div>
            <dt>{t('tickets.created')}</dt>
            <dd>
              <DateTime iso={current.createdAt} />
            </dd>
          </div>
          {current.tags.length > 0 && (
            <div>
              <dt>{t('tickets.tags')}</dt>
              <dd>
                <ul class="tags">
                  {current.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('tickets.sla')}</dt>
            <dd>
              <SlaBadge ticket={current} />
            </dd>
          </div>
        </dl>
        <SlaDetails ticket={current} />
        {staff && <PresenceLine others={others} />}
        {current.mergedInto && (
          <p class="notice notice-info">
            {t('desk.mergedInto', { reference: mergedInto.data?.reference ?? '…' })}{' '}
            <a href={`/tickets/${encodeURIComponent(current.mergedInto)}`}>
              {mergedInto.data?.subject ?? ''}
            </a>
          </p>
        )}
      </header>

      <div class={staff ? 'ticket-body with-aside' : 'ticket-body'}>
        <div class="ticket-main">
          <section aria-labelledby="description-title">
            <h2 id="description-title">{t('ticket.description')}</h2>
            <div class="message-body card">{current.description}</div>
          </section>

          <TicketFieldsPanel ticket={current} staff={staff} busy={busy} run={run} />

          <section aria-labelledby="conversation-title">
            <h2 id="conversation-title">{t('ticket.conversation')}</h2>
            {messages.error !== undefined && (
              <ErrorMessage error={messages.error} onRetry={messages.reload} />
            )}
            {messages.data && messages.data.length === 0 && <p class="empty">{t('ticket.noMessages')}</p>}
            {messages.data && (
              <ol class="conversation">
                {messages.data.map((message) => (
                  <li
                    key={message.id}
                    class={`message ${message.internal ? 'internal' : ''} ${message.author.role === 'client' ? 'from-client' : 'from-staff'}`}
                  >
                    <p class="message-meta">
                      {staff && <ChannelIcon channel={message.channel} />}{' '}
                      <strong>{message.author.name}</strong>{' '}
                      <span class="muted">({tx(`roles.${message.author.role}`, message.author.role)})</span> ·{' '}
                      <DateTime iso={message.createdAt} />
                      {message.internal && (
                        <span class="badge internal-badge">{t('ticket.internalNote')}</span>
                      )}
                      {message.origin && (
                        <span class="badge origin-badge">
                          {t('desk.mergedFrom', { reference: message.origin.reference })}
                        </span>
                      )}
                    </p>
                    {message.body && <div class="message-body">{message.body}</div>}
                    {staff && message.original !== undefined && (
                      <details class="message-original">
                        <summary>{t('mail.showOriginal')}</summary>
                        <p class="hint">{t('mail.originalHint')}</p>
                        <pre class="message-body">{message.original}</pre>
                      </details>
                    )}
                    {/* A merged-in message's files stay with the ticket they were uploaded to. */}
                    <MessageAttachments
                      ticketId={message.origin?.ticketId ?? id}
                      attachments={message.attachments}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>

          {!staff && current.status === 'resolved' && (
            <section class="notice notice-info resolution" aria-labelledby="resolution-title">
              <h2 id="resolution-title">{t('ticket.resolvedBanner')}</h2>
              <div class="button-row">
                <button
                  ref={acceptButton}
                  type="button"
                  disabled={busy}
                  onClick={() => run((tk, client) => client.accept(tk.id, tk.version), t('ticket.accepted'))}
                >
                  {t('ticket.accept')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={async () => {
                    const text = reply.trim();
                    const done = await run(
                      (tk, client) => client.reopen(tk.id, tk.version, text || undefined),
                      t('ticket.reopened'),
                    );
                    if (done) clearReply(text);
                  }}
                >
                  {t('ticket.reopen')}
                </button>
              </div>
            </section>
          )}
          {!staff && finished && <p class="notice notice-info">{t('ticket.closedBanner')}</p>}

          {(!finished || staff) && (
            <div class="reply-box">
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void send(false);
                }}
              >
                <div class="field">
                  <label for="reply">{t('ticket.reply')}</label>
                  <p class="hint" id="reply-hint">
                    {noteMode
                      ? t('desk.noteFocused')
                      : staff
                        ? t('ticket.replyHint')
                        : t('ticket.clientReplyHint')}
                  </p>
                  <AttachmentPicker attachments={files} id="reply">
                    <textarea
                      id="reply"
                      ref={replyBox}
                      aria-describedby="reply-hint"
                      class={noteMode ? 'note-mode' : undefined}
                      aria-keyshortcuts={staff ? 'r n' : undefined}
                      rows={5}
                      value={reply}
                      onInput={(event) => setReply(event.currentTarget.value)}
                      onKeyDown={(event) => {
                        // `/` at the start of a line opens the canned responses instead of typing it.
                        const box = event.currentTarget;
                        const before = box.value.slice(0, box.selectionStart ?? 0);
                        if (staff && event.key === '/' && (before === '' || before.endsWith('\n'))) {
                          event.preventDefault();
                          setCannedOpen(true);
                        }
                      }}
                      onPaste={(event) => {
                        const pasted = pastedFiles(event);
                        if (pasted.length === 0) return;
                        event.preventDefault();
                        files.add(pasted);
                      }}
                    />
                  </AttachmentPicker>
                </div>
                {staff && (
                  <ChannelSelect
                    id="reply-channel"
                    value={channel}
                    choices={replyChannels}
                    onChange={setChannel}
                  />
                )}
                {staff && (
                  <CannedPicker
                    ticketId={current.id}
                    open={cannedOpen}
                    onOpenChange={(open) => {
                      setCannedOpen(open);
                      if (!open) replyBox.current?.focus();
                    }}
                    onInsert={(text, title) => insert(text, t('desk.cannedInserted', { title }))}
                  />
                )}
                {staff && (
                  <KbLinkPicker
                    onInsert={(text, title) => insert(text, t('kbEditor.linkInserted', { title }))}
                  />
                )}
                {collision.length > 0 && (
                  <div class="notice notice-warning collision" role="alert">
                    <p>
                      <strong>{t('desk.othersReplied')}</strong>
                    </p>
                    <ul class="collision-list">
                      {collision.map((message) => (
                        <li key={message.id}>
                          <strong>{message.author.name}</strong>: {message.body.slice(0, 200)}
                        </li>
                      ))}
                    </ul>
                    <p>{t('desk.othersRepliedText')}</p>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy}
                      onClick={() => void send(false, true)}
                    >
                      {t('desk.sendAnyway')}
                    </button>
                  </div>
                )}
                <div class="button-row">
                  {!finished && (
                    <button type="submit" disabled={!canSend}>
                      {staff ? t('ticket.sendReply') : t('ticket.send')}
                    </button>
                  )}
                  {staff && (
                    <button
                      type="button"
                      class="secondary note"
                      disabled={!canSend}
                      onClick={() => void send(true)}
                    >
                      {t('ticket.addNote')}
                    </button>
                  )}
                  {staff && !finished && current.status !== 'resolved' && (
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy}
                      aria-describedby="propose-hint"
                      onClick={async () => {
                        const text = reply.trim();
                        const done = await run(
                          (tk, client) => client.resolve(tk.id, tk.version, text || undefined),
                          t('ticket.proposed'),
                        );
                        if (done) clearReply(text);
                      }}
                    >
                      {t('ticket.propose')}
                    </button>
                  )}
                </div>
                {staff && !finished && current.status !== 'resolved' && (
                  <p class="hint" id="propose-hint">
                    {t('ticket.proposeHint')}
                  </p>
                )}
              </form>
            </div>
          )}

          {!staff && (current.status === 'resolved' || current.status === 'closed') && (
            <FeedbackForm ticket={current} given={feedbackGiven} onSent={events.reload} />
          )}

          <History events={events} staff={staff} queueName={queueName} />
        </div>
        {staff && (
          <aside class="ticket-aside" aria-label={t('ticket.actions')}>
            <TriageMove ticket={current} busy={busy} run={run} />
            <StaffActions ticket={current} busy={busy} run={run} />
            {!finished && <MergeDialog ticket={current} busy={busy} run={run} />}
            {(user.role === 'lead' || user.role === 'admin') && <DeleteDialog ticket={current} />}
            <p>
              <a
                class="button secondary"
                href={`${paths.kbNew}?fromTicket=${encodeURIComponent(current.id)}`}
              >
                {t('kbEditor.fromTicket')}
              </a>
            </p>
          </aside>
        )}
      </div>
    </article>
  );
};

const SlaDetails = ({ ticket }: { ticket: Ticket }) => {
  const { t, tx, date } = useI18n();
  const running = runningDeadlines(ticket);
  const { sla } = ticket;
  if (running.length === 0 && sla.breaches.length === 0 && !sla.firstRespondedAt) return null;
  return (
    <details class="sla-details">
      <summary>{t('sla.deadlines')}</summary>
      <ul>
        {running.map((deadline) => (
          <li key={deadline.clock}>
            {tx(`sla.${deadline.clock}`, deadline.clock)}: <DateTime iso={deadline.dueAt} />
          </li>
        ))}
        {sla.firstRespondedAt && (
          <li>
            {t('sla.respondedAt')}: <DateTime iso={sla.firstRespondedAt} />
          </li>
        )}
        {sla.breaches.map((breach) => (
          <li key={`${breach.clock}-${breach.at}`} class="breach">
            {t('sla.breachedAt', {
              clock: tx(`sla.${breach.clock}`, breach.clock),
              at: date(breach.at),
            })}
          </li>
        ))}
      </ul>
    </details>
  );
};
