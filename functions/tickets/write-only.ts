import type { Caller } from '#identity/caller.js';
import { authorize } from '#identity/permissions.js';
import type { ApiResult } from '../http/route.js';

/**
 * Whether the caller may read tickets. A caller that may only write (an integration with
 * `tickets.write` alone) gets no ticket in the answers to its writes: 201 with the new
 * resource's id (and reference), 204 for a change. See docs/api.md, "Write-only callers".
 */
export const readsTickets = (caller: Caller): boolean => authorize('tickets:read', caller) === 'allow';

/** 204 No Content: the change is stored; nothing about the ticket is told. */
export const noContent = (headers: Record<string, string> = {}): ApiResult => ({
  statusCode: 204,
  headers: { 'cache-control': 'no-store', ...headers },
});
