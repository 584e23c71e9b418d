import { type FieldProblem, fieldErrorMap } from '../../api/problem.js';
import type { FieldValue, FieldValues, TicketFieldDefinition } from '../../api/types.js';

/**
 * Custom field values in the portal's forms (docs/admin.md): what a caller may fill, what is
 * required for a category, and what a form sends (no UI here, so it is tested on its own).
 */

/** The values as the inputs hold them (text; a number as typed). */
export type FieldTexts = Record<string, string>;

export const fieldTextsOf = (values: Readonly<Record<string, FieldValue>> | undefined): FieldTexts =>
  Object.fromEntries(Object.entries(values ?? {}).map(([id, value]) => [id, String(value)]));

export const editableFields = (definitions: readonly TicketFieldDefinition[], staff: boolean) =>
  staff ? [...definitions] : definitions.filter((field) => field.clientEditable);

export const isRequiredFor = (field: TicketFieldDefinition, category: string | null | undefined) =>
  Boolean(category && field.requiredFor?.includes(category));

const wireValue = (field: TicketFieldDefinition, text: string): FieldValue =>
  field.type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text.trim();

/**
 * What a form sends for the given fields: on a new ticket the filled ones; on a change (with
 * the ticket's values) only what differs, an emptied field as null.
 */
export const fieldValuesOf = (
  fields: readonly TicketFieldDefinition[],
  texts: FieldTexts,
  stored?: Readonly<Record<string, FieldValue>>,
): FieldValues => {
  const values: FieldValues = {};
  for (const field of fields) {
    const text = (texts[field.id] ?? '').trim();
    const before = stored?.[field.id];
    if (!stored) {
      if (text) values[field.id] = wireValue(field, text);
    } else if (!text) {
      if (before !== undefined) values[field.id] = null;
    } else if (String(before ?? '') !== text) values[field.id] = wireValue(field, text);
  }
  return values;
};

/** The `fields.<id>` paths of required fields left empty (the API would answer 400 for each). */
export const missingRequired = (
  fields: readonly TicketFieldDefinition[],
  texts: FieldTexts,
  category: string | null | undefined,
): string[] =>
  fields
    .filter((field) => isRequiredFor(field, category) && !(texts[field.id] ?? '').trim())
    .map((field) => `fields.${field.id}`);

/**
 * Where a refusal's field errors go in a form that shows the custom `fields` (the new ticket, the
 * ticket page's Details): at their inputs by dotted path, except a `fields.<id>` the form does not
 * show (one the caller may not edit), which joins the errors that name no input.
 */
export const placeFieldErrors = (
  problems: readonly FieldProblem[],
  fields: readonly TicketFieldDefinition[],
): { byPath: Record<string, string>; general: string[] } => {
  const { byPath, general } = fieldErrorMap(problems);
  for (const [path, message] of Object.entries(byPath))
    if (path.startsWith('fields.') && !fields.some((field) => `fields.${field.id}` === path)) {
      general.push(message);
      delete byPath[path];
    }
  return { byPath, general };
};
