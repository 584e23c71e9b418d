import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem.js';
import type { Priority, Queue } from '../../api/types.js';
import { randomToken } from '../../auth/pkce.js';
import { describedBy, ErrorMessage, Field } from '../../components/ui.js';
import { isStaff, useApp, useUser } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { AttachmentPicker, pastedFiles, useAttachments } from '../attachments/attachment-picker.js';
import { ticketSubmitted } from '../kb/deflection.js';
import { ArticleSuggestions } from '../kb/suggestions.js';
import { useCategoryChoices } from './categories.js';
import { ChannelSelect, newTicketChannels } from './channel.js';
import { CustomFieldInputs, useTicketFields } from './custom-fields.js';
import {
  editableFields,
  type FieldTexts,
  fieldValuesOf,
  missingRequired,
  placeFieldErrors,
} from './field-values.js';
import { createBody, emptyNewTicket, type NewTicketForm } from './ticket-forms.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

export const NewTicketPage = () => {
  const { api, notify } = useApp();
  const user = useUser();
  const staff = isStaff(user);
  const { t, tx } = useI18n();
  const [form, setForm] = useState<NewTicketForm>(emptyNewTicket);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [queues, setQueues] = useState<Queue[]>([]);
  // One key per attempt: a retry after a network failure cannot open a second ticket.
  const idempotencyKey = useRef(randomToken(16));
  const summary = useRef<HTMLDivElement>(null);
  const files = useAttachments();
  const categoryChoices = useCategoryChoices(null);
  // Custom fields: staff fill every one, clients those open to them (docs/api.md).
  const fields = editableFields(useTicketFields().data ?? [], staff);
  const [fieldTexts, setFieldTexts] = useState<FieldTexts>({});

  useEffect(() => {
    if (staff)
      api
        .listQueues()
        .then(setQueues)
        .catch(() => setQueues([]));
  }, [api, staff]);

  const set = (field: keyof NewTicketForm) => (event: { currentTarget: { value: string } }) =>
    setForm((previous) => ({ ...previous, [field]: event.currentTarget.value }));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setFailure(undefined);
    // A field required for the chosen category is checked here too, so the form says so at once.
    const missing = missingRequired(fields, fieldTexts, form.category);
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((path) => [path, t('customFields.required')])));
      setFailure(new Error(t('newTicket.errorSummary')));
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    // A file that cannot be sent (too large, a type not allowed) stays listed with its error:
    // nothing is created until it is removed.
    if (files.refused) {
      setFailure(new Error(t('attachments.removeRefused')));
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const values = fieldValuesOf(fields, fieldTexts);
      const body = { ...createBody(form, staff), ...(Object.keys(values).length ? { fields: values } : {}) };
      const { data: ticket } = await api.createTicket(body, idempotencyKey.current);
      ticketSubmitted();
      // Files belong to a ticket: they upload once it exists and arrive as its first message.
      if (files.files.length) {
        // The files verified are posted even when another was refused on arrival (the ticket
        // exists by now), and the refusal is told, naming the file and why.
        const uploaded = await files.uploadAll(api, ticket.id);
        if (uploaded.ids.length) await api.postMessage(ticket.id, 0, '', false, uploaded.ids);
        if (uploaded.errors.length) notify('error', uploaded.errors.join(' '));
      }
      notify('success', t('newTicket.created', { reference: ticket.reference }), paths.ticket(ticket.id));
      navigate(paths.ticket(ticket.id));
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError) {
        // The API rejected the request and wrote nothing: the next attempt is a new request.
        idempotencyKey.current = randomToken(16);
        // A field this form does not show (one the help desk fills) cannot be marked: said in the summary.
        const { byPath, general } = placeFieldErrors(caught.fieldErrors, fields);
        setErrors({
          ...byPath,
          ...(byPath['requester.email'] || byPath.requester
            ? { requesterEmail: byPath['requester.email'] ?? byPath.requester }
            : {}),
        });
        setFailure(general.length ? new Error(general.join(' ')) : caught);
      } else setFailure(caught);
      requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <section class="narrow">
      <h1>{t('newTicket.title')}</h1>
      <form onSubmit={onSubmit} class="card" noValidate>
        <div ref={summary} tabIndex={-1}>
          {failure !== undefined &&
            (hasFieldErrors ? (
              <div class="notice notice-error" role="alert">
                <p>{t('newTicket.errorSummary')}</p>
              </div>
            ) : (
              <ErrorMessage error={failure} />
            ))}
        </div>
        <Field id="ticket-subject" label={t('newTicket.subject')} error={errors.subject}>
          <input
            {...describedBy('ticket-subject', errors.subject)}
            name="subject"
            maxLength={200}
            value={form.subject}
            onInput={set('subject')}
          />
        </Field>
        {!staff && <ArticleSuggestions subject={form.subject} />}
        <Field
          id="ticket-description"
          label={t('newTicket.description')}
          hint={t('newTicket.descriptionHint')}
          error={errors.description}
        >
          <AttachmentPicker attachments={files} id="ticket-description">
            <textarea
              {...describedBy('ticket-description', errors.description, t('newTicket.descriptionHint'))}
              name="description"
              rows={8}
              value={form.description}
              onInput={set('description')}
              onPaste={(event) => {
                const pasted = pastedFiles(event);
                if (pasted.length === 0) return;
                event.preventDefault();
                files.add(pasted);
              }}
            />
          </AttachmentPicker>
        </Field>
        <Field id="ticket-category" label={t('newTicket.category')} error={errors.category}>
          <select
            {...describedBy('ticket-category', errors.category)}
            name="category"
            value={form.category}
            onChange={set('category')}
          >
            <option value="">{t('newTicket.noCategory')}</option>
            {categoryChoices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </Field>
        <CustomFieldInputs
          fields={fields}
          texts={fieldTexts}
          category={form.category}
          errors={errors}
          idPrefix="ticket-field"
          onChange={setFieldTexts}
        />
        {staff && (
          <>
            <Field
              id="ticket-org"
              label={t('newTicket.orgId')}
              hint={t('newTicket.orgIdHint')}
              error={errors.orgId}
            >
              <input
                {...describedBy('ticket-org', errors.orgId, t('newTicket.orgIdHint'))}
                name="orgId"
                value={form.orgId}
                onInput={set('orgId')}
              />
            </Field>
            <Field id="ticket-requester" label={t('newTicket.requesterEmail')} error={errors.requesterEmail}>
              <input
                {...describedBy('ticket-requester', errors.requesterEmail)}
                type="email"
                name="requesterEmail"
                required
                value={form.requesterEmail}
                onInput={set('requesterEmail')}
              />
            </Field>
            <div class="row">
              <Field id="ticket-priority" label={t('newTicket.priority')} error={errors.priority}>
                <select
                  {...describedBy('ticket-priority', errors.priority)}
                  value={form.priority}
                  onChange={set('priority')}
                >
                  <option value="">{t('app.none')}</option>
                  {priorities.map((value) => (
                    <option key={value} value={value}>
                      {tx(`priority.${value}`, value)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="ticket-queue" label={t('newTicket.queue')} error={errors.queue}>
                <select
                  {...describedBy('ticket-queue', errors.queue)}
                  value={form.queue}
                  onChange={set('queue')}
                >
                  <option value="">{t('newTicket.defaultQueue')}</option>
                  {queues.map((queue) => (
                    <option key={queue.id} value={queue.id}>
                      {queue.name}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div class="field">
              <ChannelSelect
                id="ticket-channel"
                value={form.channel}
                choices={newTicketChannels}
                onChange={(channel) => setForm((previous) => ({ ...previous, channel }))}
              />
            </div>
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('newTicket.working') : t('newTicket.submit')}
        </button>
      </form>
    </section>
  );
};
