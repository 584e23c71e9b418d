import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { callerFromClaims } from '#identity/caller.js';
import { loggedEntry, logger } from '#platform/logger.js';
import { users } from '../wiring/identity-trigger.js';

/**
 * Cognito pre-token-generation trigger: keeps the help desk's user directory (names,
 * roles, organisations, locales used for assignment and mail) in step with Cognito, each
 * time a user signs in or refreshes a token. The token itself is left unchanged.
 */
export const handler = loggedEntry(
  async (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> => {
    const attributes = event.request.userAttributes;
    const caller = callerFromClaims({
      ...attributes,
      'cognito:groups': event.request.groupConfiguration.groupsToOverride ?? [],
    });
    if (caller?.kind !== 'user') {
      logger.warn('signed-in user has no help desk group; profile not synced', { sub: attributes.sub });
      return event;
    }
    await users.put({
      id: caller.id,
      email: caller.email,
      name: attributes.name || caller.email,
      role: caller.role,
      orgId: caller.orgId,
      locale: attributes.locale || 'en',
      timeZone: attributes.zoneinfo || 'UTC',
    });
    return event;
  },
);
