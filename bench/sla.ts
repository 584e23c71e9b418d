import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface SlaBenchResult {
  tickets: number;
  spreadSeconds: number;
  notices: number;
  missing: number;
  latenessMs: { p50: number; p90: number; p99: number; max: number; min: number };
  pendingSchedules: { maxPerOpenTicket: number; peak: number; afterLastNotice: number; samples: number };
  notice: string;
  /** The machine's 1/5/15-minute load average at the end: lateness on a busy machine says little. */
  loadAverage: number[];
  targets: { p99Ms: number; maxPerOpenTicket: number };
  met: boolean;
}

/**
 * SLA lateness on the local runtime: 500 urgent tickets whose deadlines are spread over 60 s
 * (BENCH_SLA_TICKETS, BENCH_SLA_SPREAD_SECONDS), each escalated when its 10 s time to open runs
 * out (BENCH_SLA_REMINDERS=1 adds a reminder at 5 s); p50/p99 of (notice sent − due), and
 * pending schedules per open ticket. Runs in a child process: the handler modules bind their
 * table once per process.
 */
export const benchSla = async (): Promise<SlaBenchResult> => {
  const output = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'sla-run.ts')], {
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(text) : fail(new Error(`the SLA bench exited with ${code}`)),
    );
  });
  const line = output
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{"tickets"'))
    .at(-1);
  if (!line) throw new Error(`the SLA bench printed no result:\n${output.slice(-2000)}`);
  const result = JSON.parse(line) as SlaBenchResult;
  console.log(
    `\nSLA lateness (local runtime, ${result.tickets} tickets over ${result.spreadSeconds} s, ${result.notices} notices: ${result.notice}; load average ${result.loadAverage.join(' ')}; targets p99 ≤ ${result.targets.p99Ms} ms, ≤ ${result.targets.maxPerOpenTicket} schedule per open ticket)`,
  );
  console.table([
    {
      'p50 ms': result.latenessMs.p50,
      'p90 ms': result.latenessMs.p90,
      'p99 ms': result.latenessMs.p99,
      'max ms': result.latenessMs.max,
      missing: result.missing,
      'max schedules / open ticket': result.pendingSchedules.maxPerOpenTicket,
      'schedules left': result.pendingSchedules.afterLastNotice,
      'targets met': result.met,
    },
  ]);
  return result;
};
