import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDb } from '../../tests/support/db.js';
import type { Db } from '../db/client.js';
import { AuditLog } from './audit-log.js';

describe('hash-chained audit log', () => {
  let db: Db;
  let close: () => Promise<void>;
  let audit: AuditLog;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb());
    audit = new AuditLog(db);
  });
  afterAll(() => close());

  it('chains every row to the previous one and verifies', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        audit.record({ actorLabel: 'Aroha Te Whāiti-Ngātai (POLICE, CHAIR)', action: 'test.event', details: { i, b: { z: 1, a: 2 } } }),
      ),
    );
    const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(8);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await audit.verify()).toEqual({ ok: true, rows: 8 });
  });

  it('names the first row whose content was edited', async () => {
    const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    const victim = rows[3]!;
    await db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: 'someone else' } });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, brokenAt: victim.seq, reason: expect.stringContaining('content') });
    await db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: victim.actorLabel } });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects a deleted row at the row after it', async () => {
    const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    await db.auditEvent.delete({ where: { seq: rows[5]!.seq } });
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: rows[6]!.seq, reason: expect.stringContaining('link') });
  });
});
