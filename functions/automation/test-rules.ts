import { RuleTestBody, testRules } from '#automation/use-cases/test-rules.js';
import { json, route, signedIn } from '../http/route.js';
import { automationAdmin } from '../wiring/admin.js';

export const handler = route({ action: 'automation:write', body: RuleTestBody }, async ({ caller, body }) =>
  json(200, await testRules(automationAdmin, signedIn(caller), body)),
);
