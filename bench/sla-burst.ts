import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface SlaBurstResult {
  tickets: number;
  concurrency: number;
  setupMs: number;
  headroomMs: number;
  flagged: number;
  lastFlaggedMs: number | null;
  checksPerSecond: number | null;
  noticesSent: number;
  lastNoticeMs: number | null;
  noticeDelivery: 'local-stream';
  loadAverage: number[];
  targets: { flaggedWithinMs: number };
  met: boolean;
}

/**
 * Timers at burst on the local runtime: BENCH_SLA_BURST_TICKETS (default 5,000) tickets whose
 * time to open runs out in the same second; from the deadline, when the last one was flagged
 * and escalated and when the last escalation mail was sent (./sla-burst-run.ts). Runs in a
 * child process: the handler modules bind their table once per process.
 */
export const benchSlaBurst = async (): Promise<SlaBurstResult> => {
  const output = await new Promise<string>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'sla-burst-run.ts')],
      { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(text) : fail(new Error(`the SLA burst bench exited with ${code}`)),
    );
  });
  const line = output
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{"tickets"'))
    .at(-1);
  if (!line) throw new Error(`the SLA burst bench printed no result:\n${output.slice(-2000)}`);
  const result = JSON.parse(line) as SlaBurstResult;
  console.log(
    `\nSLA timers at burst (local runtime, ${result.tickets} tickets due in the same second, ${result.concurrency} checks in flight, mails: ${result.noticeDelivery}; load average ${result.loadAverage.join(' ')}; target: all flagged within ${result.targets.flaggedWithinMs / 1000} s)`,
  );
  console.table([
    {
      flagged: result.flagged,
      'last flagged s': result.lastFlaggedMs === null ? null : result.lastFlaggedMs / 1000,
      'checks/s': result.checksPerSecond,
      'notices sent': result.noticesSent,
      'last notice s': result.lastNoticeMs === null ? null : result.lastNoticeMs / 1000,
      'target met': result.met,
    },
  ]);
  return result;
};
