import * as z from 'zod';
import { PublicUser } from './user.js';

/** `POST /auth/login` (served by the local runtime only; Cognito signs users in in the cloud): its body and answer. */
export const LoginBody = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'Login' });
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({ token: z.string(), user: PublicUser }).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The token of an invitation mail's set-password link. */
const InvitationToken = z.string().min(20).max(200);

/**
 * `POST /auth/invitation` (local runtime only): which account a set-password link is for, so the
 * page greets the person and says at once when the link works no more.
 */
export const InvitationBody = z.strictObject({ token: InvitationToken }).meta({ id: 'InvitationLookup' });
export type InvitationBody = z.infer<typeof InvitationBody>;

export const InvitedAccount = z
  .object({ email: z.email(), name: z.string() })
  .meta({ id: 'InvitedAccount', description: 'The account the link sets the password of' });
export type InvitedAccount = z.infer<typeof InvitedAccount>;

/** `POST /auth/set-password` (local runtime only; Cognito in the cloud): the token of the invitation mail. */
export const SetPasswordBody = z
  .strictObject({
    token: InvitationToken,
    password: z.string().min(10, 'At least 10 characters').max(200),
  })
  .meta({ id: 'SetPassword' });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;

/** Whose password was set: the portal signs that person in with the password just chosen. */
export const SetPasswordResponse = z
  .object({ email: z.email().meta({ description: 'The account whose password was set' }) })
  .meta({ id: 'SetPasswordResponse' });
export type SetPasswordResponse = z.infer<typeof SetPasswordResponse>;
