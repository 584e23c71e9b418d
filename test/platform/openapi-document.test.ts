import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#functions/http/openapi-document.js';
import { API_PREFIX, routeName, routes } from '#functions/http/routes.js';

interface Response {
  $ref?: string;
  content?: Record<string, { schema: { $ref?: string } }>;
  headers?: Record<string, unknown>;
}

interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, Response>;
}

const document = openApiDocument() as unknown as {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    responses?: Record<string, Response>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, described]) => ({ where: `${method} ${path}`, described })),
);
/** A response's header names, through a `$ref` to a shared response. */
const headersOf = (response: Response | undefined): string[] => {
  const resolved = response?.$ref
    ? document.components.responses?.[response.$ref.split('/').pop() ?? '']
    : response;
  return Object.keys(resolved?.headers ?? {});
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

  it('documents every answer a ticket change can give, with its headers (issue 10, defect 13)', () => {
    for (const [method, path] of [
      ['POST', '/tickets/{id}/messages'],
      ['POST', '/tickets/{id}/resolve'],
      ['POST', '/tickets/{id}/accept'],
      ['POST', '/tickets/{id}/reopen'],
      ['PATCH', '/tickets/{id}'],
    ] as const) {
      const statuses = Object.keys(operation(method, path)?.responses ?? {});
      expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['404', '409', '412', '429']));
    }
    for (const [method, path] of [
      ['GET', '/tickets/{id}'],
      ['PATCH', '/tickets/{id}'],
    ] as const)
      expect(headersOf(operation(method, path)?.responses['200']), `${method} ${path}`).toContain('ETag');
    for (const path of ['/tickets', '/tickets/{id}/messages'])
      expect(headersOf(operation('POST', path)?.responses['201']), `POST ${path}`).toEqual(
        expect.arrayContaining(['ETag', 'Location', 'Idempotent-Replayed']),
      );
    for (const { where, described } of operations) {
      expect(headersOf(described.responses['429']), `${where} 429`).toEqual(
        expect.arrayContaining(['Retry-After', 'RateLimit', 'RateLimit-Policy']),
      );
      for (const [status, response] of Object.entries(described.responses))
        expect(headersOf(response), `${where} ${status}`).toContain('X-Request-Id');
    }
  });

  it('tags every operation with a declared resource and names both ways to sign in (issue 10, defect 13)', () => {
    const declared = document.tags.map((tag) => tag.name);
    expect(declared).toEqual(expect.arrayContaining(['tickets', 'messages', 'identity', 'queues', 'sla']));
    for (const { where, described } of operations) {
      expect(described.tags?.length, where).toBe(1);
      expect(declared, where).toContain(described.tags?.[0]);
    }
    const { bearer, oauth2 } = document.components.securitySchemes;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(oauth2).toMatchObject({
      type: 'oauth2',
      flows: {
        clientCredentials: {
          scopes: {
            'helpdesk/tickets.read': expect.any(String),
            'helpdesk/tickets.write': expect.any(String),
          },
        },
      },
    });
    // An integration may read and open tickets: those operations accept its token with the scope they need.
    expect(operation('GET', '/tickets')?.security).toContainEqual({ oauth2: ['helpdesk/tickets.read'] });
    expect(operation('POST', '/tickets')?.security).toContainEqual({ oauth2: ['helpdesk/tickets.write'] });
  });
});
