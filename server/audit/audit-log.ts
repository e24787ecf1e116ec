import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { canonicalJson } from '../../shared/canonical-json.js';

export interface AuditEntry {
  actorId?: string | null;
  actorLabel: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  meetingId?: string | null;
  details?: Record<string, unknown>;
}

type Tx = Prisma.TransactionClient;

const GENESIS = '0'.repeat(64);
// One chain for the whole database: every writer, in any process, takes this lock to append.
const CHAIN_LOCK_KEY = 7_263_001;

interface ChainedRow {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  meetingId: string | null;
  details: unknown;
  prevHash: string;
}

export function rowHash(row: ChainedRow): string {
  const canonical = canonicalJson([
    row.prevHash, row.at.toISOString(), row.actorId, row.actorLabel, row.action,
    row.subjectType, row.subjectId, row.meetingId, row.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Append-only audit trail; each row's hash covers the previous row's, so tampering shows. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Records an event; pass `tx` to make it part of a larger transaction. */
  async record(entry: AuditEntry, tx?: Tx): Promise<void> {
    if (tx) return this.append(tx, entry);
    await this.db.$transaction((t) => this.append(t, entry));
  }

  private async append(tx: Tx, entry: AuditEntry): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
    const row: ChainedRow = {
      at: new Date(),
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      meetingId: entry.meetingId ?? null,
      details: JSON.parse(canonicalJson(entry.details ?? {})) as Prisma.InputJsonValue,
      prevHash: last?.hash ?? GENESIS,
    };
    await tx.auditEvent.create({ data: { ...row, details: row.details as Prisma.InputJsonValue, hash: rowHash(row) } });
  }

  /** Walks the chain in order; returns the first row whose stored hash or link does not match. */
  async verify(): Promise<{ ok: true; rows: number } | { ok: false; rows: number; brokenAt: bigint; reason: string }> {
    let prevHash = GENESIS;
    let rows = 0;
    let cursor: bigint | undefined;
    for (;;) {
      const batch = await this.db.auditEvent.findMany({
        where: cursor === undefined ? {} : { seq: { gt: cursor } },
        orderBy: { seq: 'asc' },
        take: 1000,
      });
      if (batch.length === 0) return { ok: true, rows };
      for (const row of batch) {
        if (row.prevHash !== prevHash) {
          return { ok: false, rows, brokenAt: row.seq, reason: 'previous-hash link broken (a row before it was removed or changed)' };
        }
        if (rowHash(row) !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'content does not match its hash' };
        prevHash = row.hash;
        rows += 1;
        cursor = row.seq;
      }
    }
  }
}
