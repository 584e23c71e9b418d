import type { InboundMailSettings } from '../../api/types.js';

/**
 * The per-sender limits admins set, with the server's bounds and defaults (shared/email/ports.ts
 * and loops.ts; the portal bundles no server code, test/portal/forms.test.ts holds them equal).
 */
export const senderLimitFields = [
  { name: 'mailsPerSenderPerHour', min: 1, max: 10_000, default: 30 },
  { name: 'autoRepliesPerHour', min: 0, max: 100, default: 5 },
] as const satisfies readonly {
  name: keyof InboundMailSettings;
  min: number;
  max: number;
  default: number;
}[];
