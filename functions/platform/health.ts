import { checkHealth } from '#platform/health.js';
import { type HealthProblem, PROBLEM_TYPE_BASE } from '../http/problem.js';
import { json, route } from '../http/route.js';
import { healthProbes } from '../wiring/health.js';

/** 200 with every dependency's state; a 503 problem naming the ones that are down. */
export const handler = route({ action: 'health:read' }, async () => {
  const report = await checkHealth(healthProbes());
  if (report.status === 'ok') return json(200, report);
  const down = Object.entries(report.checks)
    .filter(([, health]) => health.status === 'down')
    .map(([name]) => name);
  const problem: HealthProblem = {
    type: `${PROBLEM_TYPE_BASE}dependency-down`,
    title: 'Service unavailable',
    status: 503,
    detail: `Down: ${down.join(', ')}`,
    checks: report.checks,
  };
  return json(503, problem, { 'content-type': 'application/problem+json' });
});
