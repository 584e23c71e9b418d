import type { RuntimeConfig } from '../api/types.js';

export const LOCAL_CONFIG: RuntimeConfig = { auth: 'local', apiBase: '/api/v1' };

/**
 * The runtime configuration served at `/config.json` (the same build runs locally and behind
 * CloudFront). A missing or unreadable file means the local runtime.
 */
export const parseConfig = (body: unknown): RuntimeConfig => {
  if (typeof body !== 'object' || body === null) return LOCAL_CONFIG;
  const record = body as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const apiBase = (text('apiBase') ?? LOCAL_CONFIG.apiBase).replace(/\/$/, '');
  if (record.auth === 'cognito') {
    const clientId = text('clientId');
    const domain = text('domain');
    if (!clientId || !domain) throw new Error('config.json: auth "cognito" needs clientId and domain');
    return {
      auth: 'cognito',
      apiBase,
      clientId,
      domain,
      region: text('region'),
      userPoolId: text('userPoolId'),
    };
  }
  return { auth: 'local', apiBase };
};

export const loadConfig = async (): Promise<RuntimeConfig> => {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return LOCAL_CONFIG;
    return parseConfig(await response.json());
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('config.json')) throw error;
    return LOCAL_CONFIG;
  }
};
