import { describe, expect, it } from 'vitest';
import { hashInviteToken, looksLikeInviteToken, newInviteToken, redactInviteToken } from './invite-tokens.js';

describe('invite tokens', () => {
  it('are 256 random bits in base64url, stored as their sha256', () => {
    const a = newInviteToken();
    const b = newInviteToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashInviteToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });

  it('tell a well-formed token from junk', () => {
    expect(looksLikeInviteToken(newInviteToken().token)).toBe(true);
    for (const junk of ['', 'short', 'x'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`]) expect(looksLikeInviteToken(junk)).toBe(false);
  });

  it('are redacted from logged URLs', () => {
    const { token } = newInviteToken();
    expect(redactInviteToken(`/join/${token}`)).toBe('/join/[token]');
    expect(redactInviteToken(`/api/join/${token}?x=1`)).toBe('/api/join/[token]?x=1');
    expect(redactInviteToken('/meetings/abc/invites')).toBe('/meetings/abc/invites');
  });
});
