import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('kōwhai-pōhutukawa');
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('kōwhai');
    expect(await verifyPassword('kōwhai-pōhutukawa', hash)).toBe(true);
    expect(await verifyPassword('kowhai-pohutukawa', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});
