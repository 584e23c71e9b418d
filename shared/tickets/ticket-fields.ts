import * as z from 'zod';
import { Forbidden, Invalid } from '#platform/errors.js';
import { parseNamingFields } from '#platform/validation.js';

/**
 * Custom ticket fields an admin defines (issue 16): text, number, date or select, each
 * labelled in the four portal languages, required for some categories, and settable by
 * clients only when the admin allows it (`clientEditable`). A ticket carries their values in
 * `fields` (id → value); create and PATCH validate them against the definitions (docs/api.md).
 */
const Label = /* @__PURE__ */ z.string().trim().min(1, 'A label is needed in every language').max(60);

export const FieldId = /* @__PURE__ */ z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A field id is 1–40 lowercase letters, digits, - or _');

export const ticketFieldTypes = ['text', 'number', 'date', 'select'] as const;

export const TicketFieldDefinition = /* @__PURE__ */ z
  .strictObject({
    id: FieldId,
    label: z.strictObject({ en: Label, de: Label, pl: Label, et: Label }),
    type: z.enum(ticketFieldTypes),
    options: z
      .array(z.string().trim().min(1).max(60))
      .min(1, 'A select field needs at least one option')
      .max(50, 'At most 50 options')
      .optional()
      .meta({ description: 'The choices of a select field (required for it, refused for the others)' }),
    requiredFor: z
      .array(z.string().trim().min(1).max(60))
      .max(50)
      .optional()
      .meta({ description: 'Categories whose tickets must carry a value' }),
    clientEditable: z.boolean().default(false).meta({
      description: 'Whether clients may set it (on their new tickets and while new); staff always may',
    }),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'select' && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs its options' });
    if (field.type !== 'select' && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a select field has options' });
  })
  .meta({ id: 'TicketFieldDefinition' });
export type TicketFieldDefinition = z.infer<typeof TicketFieldDefinition>;

export const TicketFieldList = /* @__PURE__ */ z
  .strictObject({ fields: z.array(TicketFieldDefinition).max(50, 'At most 50 fields') })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.fields.forEach((field, i) => {
      const first = seen.get(field.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'id'],
          message: `Field id '${field.id}' is already used by fields.${first}`,
        });
      else seen.set(field.id, i);
    });
  })
  .meta({ id: 'TicketFields' });
export type TicketFieldList = z.infer<typeof TicketFieldList>;

export const TICKET_FIELDS_DOCUMENT = 'ticket-fields';

/** A value as a ticket stores it: text, a date `YYYY-MM-DD`, a select option, or a number. */
export const FieldValue = /* @__PURE__ */ z.union([z.string().max(500), z.number()]);
export type FieldValue = z.infer<typeof FieldValue>;

/** What create and PATCH take: id → value (PATCH: null removes the value). */
export const FieldValues = /* @__PURE__ */ z
  .record(z.string(), FieldValue.nullable())
  .refine((values) => Object.keys(values).length <= 50, 'At most 50 fields')
  .meta({ id: 'TicketFieldValues', description: 'Custom field values by field id (GET /ticket-fields)' });
export type FieldValues = z.infer<typeof FieldValues>;

/**
 * Whether a ticket's custom fields hold the value a list filter names (`field=<id>:<value>`):
 * the same text, or the same number (`seats:20` finds 20 and "020").
 */
export const fieldValueMatches = (
  fields: Readonly<Record<string, FieldValue | null>> | undefined,
  field: { id: string; value: string },
): boolean =>
  String(fields?.[field.id] ?? '') === field.value || Number(fields?.[field.id]) === Number(field.value);

export const parseTicketFieldList = (input: unknown): TicketFieldList =>
  parseNamingFields(TicketFieldList, input, 'The ticket fields are invalid');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (text: string) => ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

/** Why a value does not fit its field, or null when it does. */
const misfit = (field: TicketFieldDefinition, value: FieldValue): string | null => {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.trim() ? null : 'Give a text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Give a number';
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : 'Give a date as YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : `Pick one of: ${(field.options ?? []).join(', ')}`;
  }
};

/**
 * The values a ticket carries after `input` is applied to `current`: each checked against its
 * definition (unknown field, wrong type: 400; a client setting a field not open to clients:
 * 403), then every field required for the ticket's category present (400). Each error names
 * `fields.<id>`. Values of fields deleted since are kept as they are.
 */
export const resolveFieldValues = (input: {
  definitions: readonly TicketFieldDefinition[];
  current: Readonly<Record<string, FieldValue>>;
  values: FieldValues | undefined;
  category: string | null;
  byClient: boolean;
}): Record<string, FieldValue> => {
  const byId = new Map(input.definitions.map((field) => [field.id, field]));
  const next: Record<string, FieldValue> = { ...input.current };
  const invalid: { path: string; message: string }[] = [];
  const refused: { path: string; message: string }[] = [];
  for (const [id, value] of Object.entries(input.values ?? {})) {
    const path = `fields.${id}`;
    const field = byId.get(id);
    if (!field) {
      invalid.push({ path, message: 'No such field; see GET /api/v1/ticket-fields' });
      continue;
    }
    if (input.byClient && !field.clientEditable) {
      refused.push({ path, message: 'Not yours to set; leave it out' });
      continue;
    }
    if (value === null) {
      delete next[id];
      continue;
    }
    const why = misfit(field, value);
    if (why) invalid.push({ path, message: why });
    else next[id] = typeof value === 'string' ? value.trim() : value;
  }
  if (refused.length) throw new Forbidden('The help desk sets these fields', refused);
  if (!invalid.length && input.category !== null) {
    for (const field of input.definitions) {
      // A client cannot fill what only the help desk sets: the staff's next change must.
      if (input.byClient && !field.clientEditable) continue;
      if (field.requiredFor?.includes(input.category) && next[field.id] === undefined)
        invalid.push({ path: `fields.${field.id}`, message: `Required for category '${input.category}'` });
    }
  }
  if (invalid.length) {
    throw new Invalid(
      invalid.length === 1 ? `${invalid[0]?.path}: ${invalid[0]?.message}` : 'Some fields are invalid',
      invalid,
    );
  }
  return next;
};

/** The `field` filter of the ticket list: `<id>:<value>`. */
export const parseFieldFilter = (text: string): { id: string; value: string } => {
  const at = text.indexOf(':');
  return { id: text.slice(0, at), value: text.slice(at + 1) };
};
