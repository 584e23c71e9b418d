import * as z from 'zod';
import type { FieldError } from '#platform/errors.js';
import { HealthReport } from '#platform/health-schemas.js';
import type { HealthProblem as HealthProblemType, Problem as ProblemType } from './problem.js';

/** The problem document's schema, for the OpenAPI document (./problem.ts has the type). */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }) satisfies z.ZodType<FieldError>)
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' }) satisfies z.ZodType<ProblemType>;

export const HealthProblem = Problem.extend({ checks: HealthReport.shape.checks }).meta({
  id: 'HealthProblem',
}) satisfies z.ZodType<HealthProblemType>;
