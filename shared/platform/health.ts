import * as z from 'zod';

/**
 * The health report: each dependency a request or a timer needs, checked side by side, each
 * within a short timeout so a hung dependency reads as down instead of hanging the check.
 */
export const DependencyHealth = z.object({
  status: z.enum(['ok', 'down']),
  kind: z.string().optional().meta({ description: 'What serves it: eventbridge, local, ses, ses-emulator' }),
  detail: z.string().optional(),
});
export type DependencyHealth = z.infer<typeof DependencyHealth>;

export type HealthProbe = () => Promise<DependencyHealth>;

export const HealthReport = z
  .object({
    status: z.enum(['ok', 'down']),
    checks: z.record(z.string(), DependencyHealth).meta({ description: 'table, scheduler, mail' }),
  })
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof HealthReport>;

export const HEALTH_TIMEOUT_MS = 3000;

const withinTimeout = (probe: HealthProbe, timeoutMs: number): Promise<DependencyHealth> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'down', detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const checked = probe().catch(
    (error: unknown): DependencyHealth => ({
      status: 'down',
      detail: error instanceof Error ? error.name : 'unreachable',
    }),
  );
  return Promise.race([checked, timeout]).finally(() => clearTimeout(timer));
};

export const checkHealth = async (
  probes: Record<string, HealthProbe>,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<HealthReport> => {
  const results = await Promise.all(
    Object.entries(probes).map(
      async ([name, probe]) => [name, await withinTimeout(probe, timeoutMs)] as const,
    ),
  );
  const checks = Object.fromEntries(results);
  return { status: results.every(([, health]) => health.status === 'ok') ? 'ok' : 'down', checks };
};
