import type * as z from 'zod';
import { Invalid } from './errors.js';

/** `rules.0.then.1.value`: the dotted form every validation error of the API names its field in. */
export const dottedPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * Parses an admin document; a problem is a 400 whose every error names its field, and whose
 * title repeats the only one when there is one (`The calendar is invalid: weeklyHours.monday.0…`).
 */
export const parseNamingFields = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  invalid: string,
): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    path: dottedPath(issue.path),
    message: `${dottedPath(issue.path) || 'body'}: ${issue.message}`,
  }));
  throw new Invalid(errors.length === 1 ? `${invalid}: ${errors[0]?.message}` : invalid, errors);
};
