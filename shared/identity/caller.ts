export const roles = ['client', 'agent', 'lead', 'admin'] as const;
/** The schema is in `./role.ts`: reading a caller needs no validator at cold start. */
export type Role = (typeof roles)[number];

/** Scopes an integrator (machine client, OAuth client credentials) can be granted. */
export const scopes = ['tickets.read', 'tickets.write'] as const;
export type Scope = (typeof scopes)[number];

export type Caller =
  | {
      kind: 'user';
      id: string;
      email: string;
      name: string;
      role: Role;
      orgId: string | null;
      locale: string;
      timeZone: string;
    }
  | { kind: 'integrator'; id: string; scopes: Scope[] };

/** The claims exactly as the API Gateway HTTP API JWT authorizer passes them on (all values may be strings). */
export type Claims = Record<string, string | number | boolean | string[] | undefined>;

const rank: Record<Role, number> = { client: 0, agent: 1, lead: 2, admin: 3 };

/**
 * Parses list-valued claims. The HTTP API authorizer flattens arrays to strings such as
 * `[agent lead]`; tokens issued locally carry real arrays.
 */
export const claimList = (value: Claims[string]): string[] => {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
};

/** The caller from the JWT claims, or null when the claims name nobody we know how to serve. */
export const callerFromClaims = (claims: Claims | undefined): Caller | null => {
  if (!claims) return null;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!sub) return null;
  const groups = claimList(claims['cognito:groups']).filter((group): group is Role =>
    (roles as readonly string[]).includes(group),
  );
  if (groups.length === 0) {
    // A machine client: Cognito client-credentials tokens carry `scope` like "helpdesk/tickets.read".
    const granted = claimList(claims.scope)
      .map((scope) => scope.split('/').pop() ?? '')
      .filter((scope): scope is Scope => (scopes as readonly string[]).includes(scope));
    if (granted.length === 0) return null;
    const clientId = typeof claims.client_id === 'string' ? claims.client_id : sub;
    return { kind: 'integrator', id: clientId, scopes: granted };
  }
  const role = groups.reduce((best, group) => (rank[group] > rank[best] ? group : best));
  const email = typeof claims.email === 'string' ? claims.email : '';
  const orgId =
    typeof claims['custom:orgId'] === 'string' && claims['custom:orgId'] ? claims['custom:orgId'] : null;
  const name = typeof claims.name === 'string' && claims.name ? claims.name : email;
  const locale = typeof claims.locale === 'string' && claims.locale ? claims.locale : 'en';
  // OIDC's `zoneinfo` (an IANA zone), as Cognito and the local issuer put it in the token.
  const timeZone = typeof claims.zoneinfo === 'string' && claims.zoneinfo ? claims.zoneinfo : 'UTC';
  return { kind: 'user', id: sub, email, name, role, orgId, locale, timeZone };
};

export const isStaff = (caller: Caller): boolean => caller.kind === 'user' && caller.role !== 'client';
export type UserCaller = Extract<Caller, { kind: 'user' }>;
export type ClientCaller = UserCaller & { role: 'client' };
export const isClient = (caller: Caller): caller is ClientCaller =>
  caller.kind === 'user' && caller.role === 'client';
