import type { Caller } from '#identity/caller.js';
import { Forbidden } from '#platform/errors.js';
import type { ReportFilters } from '../query.js';

/**
 * Who reads which figures (docs/reports.md): leads and admins read every report, with any
 * filters; an agent reads only its own figures (`agent=me`); the permission table keeps
 * clients and integrations out before this runs.
 */
export const filtersFor = (
  caller: Caller,
  query: {
    orgId?: string | undefined;
    queue?: string | undefined;
    priority?: string | undefined;
    category?: string | undefined;
    agent?: string | undefined;
  },
): ReportFilters => {
  if (caller.kind !== 'user') throw new Forbidden('Reports are for the help desk staff');
  const agent = query.agent === 'me' ? caller.id : query.agent;
  if (caller.role === 'agent' && agent !== caller.id) {
    throw new Forbidden('Agents read their own figures: add agent=me', [
      { path: 'agent', message: "An agent may give only 'me'" },
    ]);
  }
  if (caller.role !== 'agent' && caller.role !== 'lead' && caller.role !== 'admin')
    throw new Forbidden('Reports are for leads and admins');
  return {
    orgId: query.orgId,
    queue: query.queue,
    priority: query.priority,
    category: query.category,
    agent,
  };
};

export const timeZoneOf = (caller: Caller, asked: string | undefined): string =>
  asked ?? (caller.kind === 'user' ? caller.timeZone : 'UTC');
