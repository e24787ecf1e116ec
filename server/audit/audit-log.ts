import type { Db } from '../db/client.js';
import { escapeInvalidText, escapeInvalidTextDeep } from '../../shared/valid-text.js';
import type { Prisma } from '../db/generated/client.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ConfigError } from '../config.js';
import { CHAIN_START, KEYED_START_ACTION, KeyedStartDetails, keyFingerprint, keyedRowHash, type ChainedRow } from './chain-hash.js';
import type { CheckpointFile } from './checkpoint-file.js';
import { verifyTrail, type TrailVerdict } from './verify-trail.js';

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

// One chain for the whole database: every writer, in any process, takes this lock to append.
const CHAIN_LOCK_KEY = 7_263_001;
/** Events recorded at once are appended together, under one lock, up to this many per transaction. */
const MAX_BATCH = 200;

/** The database's trail was written with another key: this process must not add to it. */
export class AuditKeyMismatch extends ConfigError {}

interface Waiting {
  entry: AuditEntry;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Append-only audit trail. Each row's hash is an HMAC, under a key kept out of the database, of
 * its content and the previous row's hash: changing, inserting or removing a row shows, and
 * nobody with only the database can re-sign the rows after one they changed.
 */
export class AuditLog {
  private readonly waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;

  private constructor(
    private readonly db: Db,
    private readonly key: string,
    readonly checkpoints: CheckpointFile,
  ) {}

  /**
   * Opens the trail for appending: begins the keyed chain on a database that has none yet (after
   * any older, unkeyed rows), and refuses a key other than the one the chain was begun with.
   */
  static async open(db: Db, key: string, checkpoints: CheckpointFile): Promise<AuditLog> {
    const log = new AuditLog(db, key, checkpoints);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
      const start = await tx.auditEvent.findFirst({ where: { action: KEYED_START_ACTION }, orderBy: { seq: 'asc' }, select: { details: true } });
      const ours = keyFingerprint(key);
      if (!start) {
        const legacyRows = await tx.auditEvent.count();
        const details: KeyedStartDetails = { keyFingerprint: ours, legacyRows };
        await log.append(tx, [{ actorLabel: 'SAM Room server', action: KEYED_START_ACTION, subjectType: 'AuditTrail', details }]);
        return;
      }
      const recorded = KeyedStartDetails.safeParse(start.details).data?.keyFingerprint ?? 'unreadable';
      if (recorded !== ours) {
        throw new AuditKeyMismatch(
          `The audit trail in this database was written with another AUDIT_KEY (fingerprint ${recorded}; this process has ${ours}). ` +
            'Every process sharing a database must use the same key: set AUDIT_KEY, or share DATA_DIR/audit-key.',
        );
      }
    });
    return log;
  }

  /**
   * Records an event; pass `tx` to make it part of a larger transaction. Events recorded outside
   * a transaction at the same moment (a room joining at 9:00) share one append.
   */
  async record(entry: AuditEntry, tx?: Tx): Promise<void> {
    if (tx) return this.append(tx, [entry]);
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          await this.db.$transaction((tx) => this.append(tx, batch.map((w) => w.entry)));
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    })().finally(() => {
      this.draining = null;
      if (this.waiting.length > 0) this.drain();
    });
  }

  private async append(tx: Tx, entries: AuditEntry[]): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
    let prevHash = last?.hash ?? CHAIN_START;
    // One insert after another, so sequence numbers follow the chain's order.
    for (const entry of entries) {
      // A refused probe may carry a NUL (a document name, a header): the row keeps it visibly escaped
      // rather than fail to be written, which would let such probes stay out of the trail.
      const text = (s: string | null | undefined) => (s == null ? null : escapeInvalidText(s));
      const row: ChainedRow = {
        at: new Date(),
        actorId: text(entry.actorId),
        actorLabel: escapeInvalidText(entry.actorLabel),
        action: escapeInvalidText(entry.action),
        subjectType: text(entry.subjectType),
        subjectId: text(entry.subjectId),
        meetingId: text(entry.meetingId),
        details: JSON.parse(canonicalJson(escapeInvalidTextDeep(entry.details ?? {}))) as Prisma.InputJsonValue,
        prevHash,
      };
      const hash = keyedRowHash(this.key, row);
      await tx.auditEvent.create({ data: { ...row, details: row.details as Prisma.InputJsonValue, hash } });
      prevHash = hash;
    }
  }

  /** The newest row: what a checkpoint records. */
  head(): Promise<{ seq: bigint; hash: string } | null> {
    return this.db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  }

  /** Checks the whole chain and the checkpoints; names the first row that was changed, removed or forged. */
  async verify(): Promise<TrailVerdict> {
    return verifyTrail(this.db, this.key, await this.checkpoints.read());
  }
}
