import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../api/problem.js';
import type { FieldValue, Ticket, TicketFieldDefinition } from '../../api/types.js';
import { describedBy, Field } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import {
  editableFields,
  type FieldTexts,
  fieldTextsOf,
  fieldValuesOf,
  isRequiredFor,
  missingRequired,
  placeFieldErrors,
} from './field-values.js';
import type { TicketAction } from './ticket-action.js';

/**
 * Custom ticket fields (docs/api.md, `GET /ticket-fields`) in the portal's forms: staff fill
 * every field, clients the ones open to them (`clientEditable`) on a new ticket and while it is
 * new; the other values show read-only. A field required for the ticket's category is marked
 * and checked before sending; the API's 400 (`fields.<id>`) shows at the field.
 */

export const useTicketFields = () => {
  const { api } = useApp();
  return useLoad(
    async () => (await api.getTicketFields().catch(() => ({ data: { fields: [] } }))).data.fields,
    [api],
  );
};

export const labelOf = (field: TicketFieldDefinition, language: string) =>
  field.label[language as keyof TicketFieldDefinition['label']] || field.label.en || field.id;

/** One labelled input per field; errors by `fields.<id>`. */
export const CustomFieldInputs = ({
  fields,
  texts,
  category,
  errors,
  idPrefix,
  onChange,
}: {
  fields: readonly TicketFieldDefinition[];
  texts: FieldTexts;
  category: string | null | undefined;
  errors: Record<string, string | undefined>;
  idPrefix: string;
  onChange: (texts: FieldTexts) => void;
}) => {
  const { t, language } = useI18n();
  return (
    <>
      {fields.map((field) => {
        const id = `${idPrefix}-${field.id}`;
        const error = errors[`fields.${field.id}`];
        const required = isRequiredFor(field, category);
        const hint = required ? t('customFields.requiredHint') : undefined;
        const value = texts[field.id] ?? '';
        const input = {
          ...describedBy(id, error, hint),
          name: `fields.${field.id}`,
          'aria-required': required ? true : undefined,
          value,
        };
        const set = (event: { currentTarget: { value: string } }) =>
          onChange({ ...texts, [field.id]: event.currentTarget.value });
        return (
          <Field
            key={field.id}
            id={id}
            label={required ? `${labelOf(field, language)} *` : labelOf(field, language)}
            error={error}
            hint={hint}
          >
            {field.type === 'select' ? (
              <select {...input} onChange={set}>
                <option value="">{t('customFields.choose')}</option>
                {(field.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
                {value && !(field.options ?? []).includes(value) && <option value={value}>{value}</option>}
              </select>
            ) : field.type === 'number' ? (
              <input {...input} type="number" step="any" onInput={set} />
            ) : field.type === 'date' ? (
              <input {...input} type="date" onInput={set} />
            ) : (
              <input {...input} type="text" maxLength={500} onInput={set} />
            )}
          </Field>
        );
      })}
    </>
  );
};

/** The values the caller may only read, as a definition list (nothing when none is set). */
export const CustomFieldValues = ({
  fields,
  values,
}: {
  fields: readonly TicketFieldDefinition[];
  values: Readonly<Record<string, FieldValue>> | undefined;
}) => {
  const { language } = useI18n();
  const shown = fields.filter((field) => values?.[field.id] !== undefined);
  if (!shown.length) return null;
  return (
    <dl class="facts custom-fields">
      {shown.map((field) => (
        <div key={field.id}>
          <dt>{labelOf(field, language)}</dt>
          <dd>{String(values?.[field.id])}</dd>
        </div>
      ))}
    </dl>
  );
};

/**
 * The ticket page's fields: staff edit all, the requester the client-editable ones while the
 * ticket is new; each save carries the ticket's version (If-Match).
 */
export const TicketFieldsPanel = ({
  ticket,
  staff,
  busy,
  run,
}: {
  ticket: Ticket;
  staff: boolean;
  busy: boolean;
  run: TicketAction;
}) => {
  const { t } = useI18n();
  const definitions = useTicketFields().data ?? [];
  const [texts, setTexts] = useState<FieldTexts>(fieldTextsOf(ticket.fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setTexts(fieldTextsOf(ticket.fields));
    setErrors({});
  }, [ticket.id, ticket.version]);
  if (!definitions.length) return null;
  const editable = staff || ticket.status === 'new' ? editableFields(definitions, staff) : [];
  const readOnly = definitions.filter((field) => !editable.includes(field));
  /**
   * The API's 400 at the fields it names, placed as the new-ticket form places them (e.g. an
   * option an admin removed since the page loaded), focus on the first; when it also names
   * something this section does not show, the page says the refusal as a notice too.
   */
  const showAtFields = (error: ApiError) => {
    const { byPath, general } = placeFieldErrors(error.fieldErrors, editable);
    const first = editable.find((field) => byPath[`fields.${field.id}`] !== undefined);
    if (!first) return false;
    setErrors(byPath);
    requestAnimationFrame(() => document.getElementById(`ticket-field-${first.id}`)?.focus());
    return general.length === 0 && Object.keys(byPath).every((path) => path.startsWith('fields.'));
  };
  const onSave = async (event: Event) => {
    event.preventDefault();
    const missing = missingRequired(editable, texts, ticket.category);
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((path) => [path, t('customFields.required')])));
      return;
    }
    setErrors({});
    const fields = fieldValuesOf(editable, texts, ticket.fields ?? {});
    if (!Object.keys(fields).length) return;
    await run(
      (current, client) => client.patchTicket(current.id, current.version, { fields }),
      t('customFields.saved'),
      showAtFields,
    );
  };

  return (
    <section class="ticket-fields" aria-labelledby="ticket-fields-title">
      <h2 id="ticket-fields-title">{t('customFields.title')}</h2>
      <CustomFieldValues fields={readOnly} values={ticket.fields} />
      {editable.length > 0 && (
        <form class="card" onSubmit={onSave} noValidate>
          <CustomFieldInputs
            fields={editable}
            texts={texts}
            category={ticket.category}
            errors={errors}
            idPrefix="ticket-field"
            onChange={setTexts}
          />
          <button type="submit" class="secondary" disabled={busy}>
            {t('customFields.save')}
          </button>
        </form>
      )}
    </section>
  );
};
