/** RFC 9457 problem details as the API sends them, and the mapping of field errors to form fields. */
import type { Problem as WireProblem } from '#functions/http/problem.js';

export type FieldProblem = NonNullable<WireProblem['errors']>[number];

/** The API's problem document as the portal reads it: any other error body still yields a title and status. */
export type Problem = Partial<Omit<WireProblem, 'title' | 'status'>> & Pick<WireProblem, 'title' | 'status'>;

/** Thrown by the API client for every non-2xx answer; carries the problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a problem document from an error body; anything unexpected becomes a generic problem. */
export const toProblem = (status: number, statusText: string, body: unknown): Problem => {
  if (!isRecord(body)) return { title: statusText || `HTTP ${status}`, status };
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((entry): FieldProblem[] =>
        isRecord(entry) && typeof entry.message === 'string'
          ? [{ path: typeof entry.path === 'string' ? entry.path : '', message: entry.message }]
          : [],
      )
    : undefined;
  return {
    type: typeof body.type === 'string' ? body.type : undefined,
    title: typeof body.title === 'string' ? body.title : statusText || `HTTP ${status}`,
    status: typeof body.status === 'number' ? body.status : status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors,
    requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
  };
};

/**
 * Normalises an error path to dotted form (`policies.0.targets.timeToOpen`): the API may send
 * dotted paths, JSON pointers (`/policies/0/...`) or paths prefixed by the request part (`body.`).
 */
export const normalisePath = (path: string): string =>
  path
    .replace(/^#?\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^(body|query|params)\./, '')
    .replace(/^\./, '');

/** Field errors keyed by normalised path; errors without a path are returned apart. */
export const fieldErrorMap = (
  errors: readonly FieldProblem[],
): { byPath: Record<string, string>; general: string[] } => {
  const byPath: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors) {
    const path = normalisePath(error.path);
    if (!path) general.push(error.message);
    else byPath[path] = byPath[path] ? `${byPath[path]} ${error.message}` : error.message;
  }
  return { byPath, general };
};
