import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, type FieldError } from '#platform/errors.js';
import type { HealthReport } from '#platform/health.js';

export const PROBLEM_TYPE_BASE = 'https://helpdesk.example/problems/';

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * The problem document every error answer carries (also the portal's view of an error). Its
 * schema, for the OpenAPI document, is in `problem-schemas.ts`: no validator at cold start.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string | undefined;
  requestId?: string | undefined;
  errors?: FieldError[] | undefined;
}

/** GET /health when a dependency is down: a 503 problem whose `checks` say which. */
export interface HealthProblem extends Problem {
  checks: HealthReport['checks'];
}

export const problemResponse = (
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(problem),
});

/**
 * The one place errors become HTTP: every AppError keeps its status and detail (4xx say
 * exactly what is wrong); anything else is a 500 that reveals nothing but the request id.
 */
export const toProblem = (error: unknown, requestId: string, instance?: string): Problem => {
  if (error instanceof AppError) {
    return {
      type: `${PROBLEM_TYPE_BASE}${slug(error.title)}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(instance ? { instance } : {}),
      requestId,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}internal-error`,
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${requestId} when you contact support.`,
    ...(instance ? { instance } : {}),
    requestId,
  };
};
