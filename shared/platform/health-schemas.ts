import * as z from 'zod';
import type { DependencyHealth as DependencyHealthType, HealthReport as HealthReportType } from './health.js';

/** The schemas of the health report, for the OpenAPI document (the health route needs none). */
export const DependencyHealth = z.object({
  status: z.enum(['ok', 'down']),
  kind: z.string().optional().meta({ description: 'What serves it: eventbridge, local, ses, ses-emulator' }),
  detail: z.string().optional(),
}) satisfies z.ZodType<DependencyHealthType>;

export const HealthReport = z
  .object({
    status: z.enum(['ok', 'down']),
    checks: z.record(z.string(), DependencyHealth).meta({ description: 'table, scheduler, mail' }),
  })
  .meta({ id: 'HealthReport' }) satisfies z.ZodType<HealthReportType>;
