import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = parseEnv({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.INVITEE_PACK_HOURS).toBe(24);
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL'],
    ['REDIS_URL', 'not a url', 'REDIS_URL'],
    ['SESSION_SECRET', 'short', 'SESSION_SECRET'],
    ['AUDIT_KEY', 'short', 'AUDIT_KEY'],
    ['AUDIT_CHECKPOINT_INTERVAL_MS', '10', 'AUDIT_CHECKPOINT_INTERVAL_MS'],
    ['DEMO_PASSWORD', '123', 'DEMO_PASSWORD'],
    ['INVITEE_PACK_HOURS', 'a day', 'INVITEE_PACK_HOURS'],
    ['INVITEE_PACK_HOURS', '-1', 'INVITEE_PACK_HOURS'],
    ['INVITEE_PACK_HOURS', '169', 'INVITEE_PACK_HOURS'],
  ])('refuses %s=%s and names the variable', (key, value, named) => {
    expect(() => parseEnv({ [key]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [key]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${named}:`));
  });

  it('treats an empty DATABASE_URL as unset (embedded database)', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('generates a session secret once and keeps it in the data dir', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-config-'));
    const first = await loadConfig({ DATA_DIR: dir });
    const second = await loadConfig({ DATA_DIR: dir });
    expect(first.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(await readFile(path.join(dir, 'session-secret'), 'utf8')).toBe(first.SESSION_SECRET);
    expect(first.pgliteDir).toBe(path.join(dir, 'pglite'));
  });

  it('generates one audit key for every process starting on the same data dir, and anchors checkpoints there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-config-'));
    const configs = await Promise.all(Array.from({ length: 8 }, () => loadConfig({ DATA_DIR: dir })));
    const key = configs[0]!.AUDIT_KEY;
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(key).not.toBe(configs[0]!.SESSION_SECRET);
    expect(new Set(configs.map((c) => c.AUDIT_KEY))).toEqual(new Set([key]));
    expect(await readFile(path.join(dir, 'audit-key'), 'utf8')).toBe(key);
    expect(await readdir(dir)).toEqual(['audit-key', 'session-secret']);
    expect(configs[0]!.AUDIT_CHECKPOINT_FILE).toBe(path.join(dir, 'audit-checkpoints.jsonl'));
    expect(configs[0]!.AUDIT_CHECKPOINT_INTERVAL_MS).toBe(60_000);
    const given = await loadConfig({ DATA_DIR: dir, AUDIT_KEY: 'k'.repeat(32), AUDIT_CHECKPOINT_FILE: '/var/lib/anchor/audit.jsonl' });
    expect(given).toMatchObject({ AUDIT_KEY: 'k'.repeat(32), AUDIT_CHECKPOINT_FILE: '/var/lib/anchor/audit.jsonl' });
  });
});
