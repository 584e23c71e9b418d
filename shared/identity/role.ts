import * as z from 'zod';
import { roles } from './caller.js';

/** A user's role, as a schema (request bodies, stored users, the OpenAPI document). */
export const Role = /* @__PURE__ */ z.enum(roles);
export type Role = z.infer<typeof Role>;
