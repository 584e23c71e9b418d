/**
 * The small family of errors the domain raises. One mapper (functions/http/problem.ts)
 * turns each into an RFC 9457 problem document; nothing else decides status codes.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors: FieldError[] | undefined;

  constructor(detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
  }
}

/** The request is malformed or a field is invalid (400). */
export class Invalid extends AppError {
  readonly status = 400;
  readonly title = 'Invalid request';
}

/** The caller is not signed in (401). */
export class Unauthenticated extends AppError {
  readonly status = 401;
  readonly title = 'Authentication required';
}

/** The caller may not do this (403). Never used where existence must stay hidden: use NotFound. */
export class Forbidden extends AppError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

/** The resource does not exist or is not visible to the caller (404). */
export class NotFound extends AppError {
  readonly status = 404;
  readonly title = 'Not found';
}

/** The request conflicts with the current state, e.g. an illegal status transition (409). */
export class Conflict extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/**
 * Other writers kept the items of this change busy (DynamoDB's TransactionConflict) through every
 * retry (409, "retry in a moment"). A read-compute-write loop may simply go round again.
 */
export class Contended extends Conflict {}

/** The caller's version (If-Match) is stale (412). */
export class PreconditionFailed extends AppError {
  readonly status = 412;
  readonly title = 'Precondition failed';
}

/** The body is too large (413). */
export class PayloadTooLarge extends AppError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

/** The body is not JSON (415). */
export class UnsupportedMediaType extends AppError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

/** The request is well-formed but cannot be processed, e.g. an idempotency key reused with another body (422). */
export class Unprocessable extends AppError {
  readonly status = 422;
  readonly title = 'Unprocessable request';
}

/** The caller sent too many requests or failed too often; they may retry after `retryAfterSeconds` (429). */
export class TooManyRequests extends AppError {
  readonly status = 429;
  readonly title = 'Too many requests';

  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}
