import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-privacy.js';

describe('redactUrl', () => {
  it('keeps paths and parameter names, never query values or invite tokens', () => {
    expect(redactUrl('/api/meetings/abc')).toBe('/api/meetings/abc');
    expect(redactUrl('/api/people/search?q=M%C4%81ori%20Name&dob=1990-01-01')).toBe('/api/people/search?q=[redacted]&dob=[redacted]');
    expect(redactUrl(`/api/join/${'a'.repeat(43)}?x=1`)).toBe('/api/join/[token]?x=[redacted]');
    expect(redactUrl('/api/audit?')).toBe('/api/audit?');
  });

  it('hides a parameter name that is not one', () => {
    expect(redactUrl('/api/people/search?Aroha%20Test&q=x')).toBe('/api/people/search?[name]=[redacted]&q=[redacted]');
  });
});
