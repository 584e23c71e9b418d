import { describe, expect, it } from 'vitest';
import { SetPasswordBody } from '#identity/login.js';
import { passwordMinLength } from '../../portal/src/features/identity/password-rules.js';

/** The set-password page shows the rule before sending; it must be the API's rule. */
describe('the password rule the set-password page shows', () => {
  const token = 'a'.repeat(32);

  it('is the length the API takes at the least', () => {
    expect(SetPasswordBody.safeParse({ token, password: 'x'.repeat(passwordMinLength) }).success).toBe(true);
    const shorter = SetPasswordBody.safeParse({ token, password: 'x'.repeat(passwordMinLength - 1) });
    expect(shorter.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password']);
  });
});
