import * as z from 'zod';
import { PublicUser } from '#identity/user.js';

/** `POST /auth/login` (local runtime only): its body and answer, also used by the OpenAPI document and the portal. */
export const LoginBody = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'Login' });
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({ token: z.string(), user: PublicUser }).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;
