import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PREFIX, routes } from '#functions/http/routes.js';
import { scopes } from '#identity/caller.js';
import { demoTickets } from '#local/demo-tickets.js';
import { DEMO_INTEGRATOR_ID } from '#local/tokens.js';

/** What the README tells a newcomer (issue 10, defect 18) against what the code does. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};
const numbers = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

describe('the README', () => {
  it('recommends Node 22 and names the oldest Node the package accepts', () => {
    expect(readme).toContain('Needs Node.js 22 (recommended');
    expect(readme).toContain(`${engines.node.replace('>=', '')} or later still runs it`);
  });

  it('says how to stop, how an integrator gets a token locally, and how many sample tickets the demo has', () => {
    expect(readme).toContain('Ctrl-C (or SIGTERM) stops everything');
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/auth/token' }));
    expect(readme).toContain(`curl -s -u ${DEMO_INTEGRATOR_ID}:<printed secret>`);
    expect(readme).toContain(`grant_type=client_credentials http://127.0.0.1:3000${API_PREFIX}/auth/token`);
    expect(readme).toContain(`scopes \`${scopes.map((scope) => `helpdesk/${scope}`).join(' ')}\``);
    expect(readme).toContain(`${numbers[demoTickets.length]} sample tickets`);
  });
});
