import type { ChildProcess } from 'node:child_process';

/** Whether the child has ended: by itself (`exitCode`) or by a signal (`signalCode`, exitCode stays null). */
export const hasEnded = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

/**
 * Stops a child process and resolves once it is gone, within `graceMs` + 1 s whatever happens:
 * SIGTERM, SIGKILL after `graceMs`. A child that already ended (Ctrl-C reaches the whole process
 * group, so it may have died of that SIGINT before we ask) resolves at once: its `exit` event
 * has fired already and would never fire again.
 */
export const stopChild = (child: ChildProcess, graceMs = 5000): Promise<void> =>
  new Promise<void>((resolve) => {
    if (hasEnded(child)) return resolve();
    const timers: NodeJS.Timeout[] = [];
    const done = () => {
      for (const timer of timers) clearTimeout(timer);
      resolve();
    };
    child.once('exit', done);
    child.kill('SIGTERM');
    timers.push(
      setTimeout(() => {
        if (!hasEnded(child)) child.kill('SIGKILL');
      }, graceMs),
      setTimeout(done, graceMs + 1000),
    );
  });
