/**
 * The health report: each dependency a request or a timer needs, checked side by side, each
 * within a short timeout so a hung dependency reads as down instead of hanging the check.
 */
export interface DependencyHealth {
  status: 'ok' | 'down';
  /** What serves it: eventbridge, local, ses, ses-emulator. */
  kind?: string | undefined;
  detail?: string | undefined;
}

export type HealthProbe = () => Promise<DependencyHealth>;

/** Its schema (for the OpenAPI document) is in `health-schemas.ts`: no validator at cold start. */
export interface HealthReport {
  status: 'ok' | 'down';
  /** table, scheduler, mail */
  checks: Record<string, DependencyHealth>;
}

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
