import * as z from 'zod';
import { PublicUser } from './user.js';

/** `POST /auth/login` (served by the local runtime only; Cognito signs users in in the cloud): its body and answer. */
export const LoginBody = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'Login' });
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({ token: z.string(), user: PublicUser }).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `POST /auth/set-password` (local runtime only; Cognito in the cloud): the token of the invitation mail. */
export const SetPasswordBody = z
  .strictObject({
    token: z.string().min(20).max(200),
    password: z.string().min(10, 'At least 10 characters').max(200),
  })
  .meta({ id: 'SetPassword' });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;
