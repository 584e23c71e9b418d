import { reapplyPolicy, type SlaEngineDeps } from '../engine.js';
import type { OpenTicketPages, ReapplyJob, ReapplyJobStore } from '../ports.js';

/** Tickets handled per step: one stream record, well within a consumer's time budget. */
export const REAPPLY_BATCH = 25;

export interface ReapplyDeps {
  engine: SlaEngineDeps;
  jobs: ReapplyJobStore;
  tickets: OpenTicketPages;
}

/**
 * One step of the re-application of policy version `job.version` to the open tickets: one page
 * of one status (at most REAPPLY_BATCH tickets), then the job's next position is stored,
 * conditioned on this step, so a redelivered record does nothing twice. A job whose version
 * was replaced by a newer save stops: the newer save decides (its own job, or none).
 */
export const runReapplyStep = async (deps: ReapplyDeps, job: ReapplyJob): Promise<ReapplyJob | null> => {
  if (job.done) return null;
  const now = deps.engine.clock.now().toISOString();
  deps.engine.config.invalidate();
  const config = await deps.engine.config.get();
  const [status, ...rest] = job.statuses;
  if (config.version !== job.version || status === undefined) {
    const stopped: ReapplyJob = {
      ...job,
      step: job.step + 1,
      statuses: [],
      after: null,
      done: true,
      updatedAt: now,
    };
    return (await deps.jobs.advance(stopped, job.step)) ? stopped : null;
  }
  const page = await deps.tickets.page(status, REAPPLY_BATCH, job.after);
  let applied = 0;
  // One ticket after the other: the batch is bounded, and each ticket is a few calls.
  for (const ticket of page.tickets) {
    if ((await reapplyPolicy(deps.engine, ticket.id, config, job.version)) === 'applied') applied++;
  }
  const next: ReapplyJob = {
    ...job,
    step: job.step + 1,
    statuses: page.next ? job.statuses : rest,
    after: page.next,
    examined: job.examined + page.tickets.length,
    applied: job.applied + applied,
    done: page.next === null && rest.length === 0,
    updatedAt: now,
  };
  return (await deps.jobs.advance(next, job.step)) ? next : null;
};
