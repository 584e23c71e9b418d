import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#functions/http/openapi-document.js';
import { API_PREFIX, routeName, routes } from '#functions/http/routes.js';

interface Operation {
  operationId: string;
  summary?: string;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

const document = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
const operation = (method: string, path: string): Operation | undefined =>
  document.paths[`${API_PREFIX}${path}`]?.[method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('is served as generated: the committed functions/http/openapi.json equals the document the code builds', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../functions/http/openapi.json', import.meta.url), 'utf8'),
    );
    expect(
      committed,
      'functions/http/openapi.json is stale: run `npm run openapi:write` and commit it',
    ).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('describes every route, named after its module', () => {
    for (const route of routes) {
      const described = operation(route.method, route.path);
      expect(described?.operationId, `${route.method} ${route.path}`).toBe(routeName(route));
      expect(described?.summary, `${route.method} ${route.path}`).toBeTruthy();
    }
  });

  it('documents bodies, answers and errors with the schemas the handlers use', () => {
    expect(operation('POST', '/auth/login')?.requestBody?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/Login',
    );
    expect(operation('GET', '/me')?.responses['200']?.content?.['application/json']?.schema.$ref).toBe(
      '#/components/schemas/Me',
    );
    expect(
      operation('GET', '/tickets/{id}')?.responses['404']?.content?.['application/problem+json']?.schema.$ref,
    ).toBe('#/components/schemas/Problem');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Problem',
        'Login',
        'LoginResponse',
        'Me',
        'UserList',
        'Ticket',
        'SlaPolicies',
      ]),
    );
  });
});
