import * as z from 'zod';

/**
 * Configuration comes from the environment, read once per container by the wiring of each
 * function family (functions/wiring/). Each capability declares the settings it reads as a zod
 * schema over environment variables (a "setting group"); infra gives every function exactly
 * the variables of its groups, derived from the same schemas (`variablesOf`). A missing or
 * malformed setting stops the cold start with the variable's name, never an `undefined` later.
 */
export { envNames } from './env-names.js';

import { envNames } from './env-names.js';

/** A variable that must be set and not empty. */
export const requiredText = (name: string) =>
  z.string({ error: `${name} is not set: set it in the function configuration` }).min(1, `${name} is empty`);

/** A variable that may be absent; an empty value counts as absent. */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' || value === undefined ? null : value));

/** The table every function that touches data reads; the endpoint only for DynamoDB Local. */
export const TableSettings = z
  .object({
    [envNames.tableName]: requiredText(envNames.tableName),
    [envNames.dynamoEndpoint]: optionalText(),
  })
  .transform((env) => ({
    tableName: env[envNames.tableName],
    dynamoEndpoint: env[envNames.dynamoEndpoint],
  }));

/** The key that signs page cursors: only functions that list things need it. */
export const CursorSettings = z
  .object({ [envNames.cursorSecret]: requiredText(envNames.cursorSecret).min(16, 'at least 16 characters') })
  .transform((env) => ({ cursorSecret: env[envNames.cursorSecret] }));

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => {
    const name = issue.path.map(String).join('.');
    return name && !issue.message.includes(name) ? `${name}: ${issue.message}` : issue.message;
  });

/**
 * Parses setting groups from the environment, all at once: the error names every missing or
 * malformed variable, so one failed cold start shows everything that needs fixing.
 */
export const readSettings = <const G extends Record<string, z.ZodType>>(
  groups: G,
  env: Record<string, string | undefined> = process.env,
): { [K in keyof G]: z.output<G[K]> } => {
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(groups)) {
    const result = schema.safeParse(env);
    if (result.success) settings[key] = result.data;
    else problems.push(...issuesOf(result.error));
  }
  if (problems.length) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return settings as { [K in keyof G]: z.output<G[K]> };
};

/** The object schemas behind a group (the options of a discriminated union, or the object itself). */
const objectsOf = (schema: z.ZodType): z.ZodObject[] => {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodPipe) return objectsOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    return (schema.options as z.ZodType[]).flatMap(objectsOf);
  }
  throw new Error('A setting group is an object schema over environment variables, or a union of them');
};

/**
 * The variables of setting groups, as infra sets them: `required` must be given a value,
 * `optional` may be. For a union (e.g. the scheduler mode), pass the option the cloud uses.
 */
export const variablesOf = (groups: readonly z.ZodType[]): { required: string[]; optional: string[] } => {
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const object of groups.flatMap(objectsOf)) {
    for (const [name, schema] of Object.entries(object.shape as Record<string, z.ZodType>)) {
      if (schema.safeParse(undefined).success) optional.add(name);
      else required.add(name);
    }
  }
  for (const name of required) optional.delete(name);
  return { required: [...required].sort(), optional: [...optional].sort() };
};
