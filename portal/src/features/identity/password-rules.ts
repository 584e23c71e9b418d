/**
 * The password rule of `POST /auth/set-password` (shared/identity/login.ts), shown before the
 * person types; test/portal/set-password.test.ts keeps the two equal. The API decides in the end.
 */
export const passwordMinLength = 10;
