import { SESClient, type SESClientConfig } from '@aws-sdk/client-ses';

/**
 * One SES client per container. With an endpoint (the local emulator, aws-ses-v2-local) it signs
 * with placeholder credentials: the emulator wants a signature but checks none.
 */
export const createSesClient = (
  options: { endpoint?: string | null; config?: SESClientConfig } = {},
): SESClient =>
  new SESClient(
    options.endpoint
      ? {
          endpoint: options.endpoint,
          region: process.env.AWS_REGION ?? 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          ...options.config,
        }
      : (options.config ?? {}),
  );
