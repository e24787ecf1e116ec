import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Bus } from '../bus/bus.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { ExpiryQueue } from './expiry-queue.js';

// Access ends at once: signing out, a session running out, an account disabled, the chair removing
// someone or withdrawing the link they joined by, a meeting closing for its invitees. Every live
// document and control connection registers here with the session it was opened with. Ending
// access closes the matching connections here and, through the bus, in every other process; from
// then on nothing more they send is applied. The check per message is a flag and a clock, never a
// database query.

/** Whose access ended: one session, every session of a staff account, or one meeting participant. */
export interface Revoked {
  kind: 'session' | 'user' | 'participant';
  id: string;
}

/** What a live connection was opened with, as the database said when it opened. */
export interface Holder {
  sessionId: string;
  /** Staff only: disabling the account ends every session of it. */
  userId: string | null;
  /** The meeting participant the connection speaks for; null for a family's plan, opened as staff. */
  participantId: string | null;
  sessionExpiresAt: Date;
  /** `epoch()` taken before the session was read: a revocation during the read still counts. */
  epoch: number;
}

export interface Ending {
  /** Shown to the person whose connection closed. */
  reason: string;
  /** The session ran out, rather than someone ending it. */
  expired: boolean;
}

export interface LiveHandle {
  /** False once access has ended or the session has run out: nothing more from it may be applied. */
  open(): boolean;
  /** The connection has closed: forget it (from then on `open()` is false). */
  release(): void;
}

const SESSION_EXPIRED = 'Your session has expired: sign in again';
const ACCESS_ENDED = 'Your access to this meeting has ended';

const CHANNEL = 'access:ended';
const Message = z.object({
  kind: z.enum(['session', 'user', 'participant']),
  id: z.string().min(1).max(64),
  reason: z.string().max(200),
});

// A connection's access is read from the database a few milliseconds before it registers here. A
// revocation is remembered this long, so one that lands in between still ends that connection.
const REMEMBER_MS = 5 * 60_000;

/**
 * One registered connection, and the handle its owner holds: methods rather than closures, and
 * only the ids that can end it, since there are as many of these as participants.
 */
class Live implements LiveHandle {
  /** Access ended, or the connection was released: never queued or told again. */
  ended = false;
  slot = -1;
  readonly sessionId: string;
  readonly userId: string | null;
  readonly participantId: string | null;
  expiresAt: number;

  constructor(
    holder: Holder,
    readonly onEnd: (ending: Ending) => void,
    private readonly owner: LiveAccess,
  ) {
    this.sessionId = holder.sessionId;
    this.userId = holder.userId;
    this.participantId = holder.participantId;
    this.expiresAt = holder.sessionExpiresAt.getTime();
  }

  open(): boolean {
    return !this.ended && Date.now() < this.expiresAt;
  }

  release(): void {
    this.ended = true;
    this.owner.forget(this);
  }
}

function parseMessage(message: Uint8Array): z.infer<typeof Message> | null {
  try {
    const parsed = Message.safeParse(JSON.parse(Buffer.from(message).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const keyOf = ({ kind, id }: Revoked) => `${kind}:${id}`;

function keysOf(ids: Pick<Holder, 'sessionId' | 'participantId' | 'userId'>): string[] {
  return [
    keyOf({ kind: 'session', id: ids.sessionId }),
    ...(ids.participantId ? [keyOf({ kind: 'participant', id: ids.participantId })] : []),
    ...(ids.userId ? [keyOf({ kind: 'user', id: ids.userId })] : []),
  ];
}

export function holderOf(principal: Principal, participantId: string | null, epoch: number): Holder {
  return {
    sessionId: principal.sessionId, userId: principal.kind === 'staff' ? principal.userId : null, participantId,
    sessionExpiresAt: principal.sessionExpiresAt, epoch,
  };
}

export class LiveAccess {
  private epochNow = 0;
  /** Recent revocations by key, oldest first. */
  private readonly revoked = new Map<string, { epoch: number; at: number; reason: string }>();
  /** Live connections by each key that can end them. */
  private readonly live = new Map<string, Set<Live>>();
  /** Every live connection's session expiry, behind one timer. */
  private readonly expiries = new ExpiryQueue<Live>((live) => void this.expire(live));

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {
    // Revocations published while the bus was down never arrived here: ask the database.
    bus.onReconnect(() => void this.recheck().catch((err: unknown) => this.log.error({ err }, 'rechecking live connections failed')));
  }

  /** Listens for revocations made in other processes. */
  async start(): Promise<void> {
    await this.bus.subscribe(CHANNEL, (message) => {
      const parsed = parseMessage(message);
      if (parsed) this.apply(parsed, parsed.reason);
      else this.log.warn('ignored a malformed access:ended message');
    });
  }

  /** Take before reading a session from the database; pass it on in the Holder. */
  epoch(): number {
    return this.epochNow;
  }

  /**
   * Watches one live connection: `onEnd` is called once, when its access ends or its session runs
   * out (at once, if a revocation landed since its session was read).
   */
  register(holder: Holder, onEnd: (ending: Ending) => void): LiveHandle {
    const live = new Live(holder, onEnd, this);
    const missed = keysOf(holder).map((key) => this.revoked.get(key)).find((r) => r !== undefined && r.epoch > holder.epoch);
    if (missed) {
      live.ended = true;
      onEnd({ reason: missed.reason, expired: false });
      return live;
    }
    for (const key of keysOf(holder)) {
      const set = this.live.get(key) ?? new Set();
      set.add(live);
      this.live.set(key, set);
    }
    this.expiries.add(live);
    return live;
  }

  /** How many connections wait for their session's expiry (for tests). */
  get watched(): number {
    return this.expiries.size;
  }

  /**
   * Ends access now, here and in every other process. Call after the database says so (session
   * revoked, account disabled, participant removed), so that a reconnect is refused too. This
   * process hears its own message back from the bus; applying it twice is harmless.
   */
  async end(revoked: Revoked, reason: string): Promise<void> {
    this.apply(revoked, reason);
    try {
      await this.bus.publish(CHANNEL, Buffer.from(JSON.stringify({ ...revoked, reason })));
    } catch (err) {
      // Other processes ask the database when their bus comes back (recheck below).
      this.log.error({ err, ...revoked }, 'could not tell other processes that access ended');
    }
  }

  private apply(revoked: Revoked, reason: string): void {
    const key = keyOf(revoked);
    this.epochNow += 1;
    this.revoked.delete(key);
    this.revoked.set(key, { epoch: this.epochNow, at: Date.now(), reason });
    for (const [old, { at }] of this.revoked) {
      if (at > Date.now() - REMEMBER_MS) break;
      this.revoked.delete(old);
    }
    for (const live of [...(this.live.get(key) ?? [])]) this.finish(live, { reason, expired: false });
  }

  private finish(live: Live, ending: Ending): void {
    if (live.ended) return;
    live.ended = true;
    this.forget(live);
    live.onEnd(ending);
  }

  /** Called by a `Live` when it is released. */
  forget(live: Live): void {
    this.expiries.remove(live);
    for (const key of keysOf(live)) {
      const set = this.live.get(key);
      set?.delete(live);
      if (set?.size === 0) this.live.delete(key);
    }
  }

  /** At the expiry read when it opened; the session may have been extended since. */
  private async expire(live: Live): Promise<void> {
    if (live.ended) return;
    if (Date.now() < live.expiresAt) return this.expiries.add(live);
    const session = await this.db.session.findUnique({ where: { id: live.sessionId }, select: { expiresAt: true, revokedAt: true } })
      .catch((err: unknown) => {
        this.log.error({ err }, 'reading a session at its expiry failed; ending it');
        return null;
      });
    if (live.ended) return;
    if (session && !session.revokedAt && session.expiresAt.getTime() > Date.now()) {
      live.expiresAt = session.expiresAt.getTime();
      return this.expiries.add(live);
    }
    this.finish(live, { reason: SESSION_EXPIRED, expired: true });
  }

  /** Ends every live connection here whose session or participant the database no longer accepts. */
  private async recheck(): Promise<void> {
    const lives = new Set([...this.live.values()].flatMap((set) => [...set]));
    if (lives.size === 0) return;
    const sessionIds = [...new Set([...lives].map((l) => l.sessionId))];
    const participantIds = [...new Set([...lives].flatMap((l) => l.participantId ?? []))];
    const [valid, removed] = await Promise.all([
      this.db.session.findMany({
        where: {
          id: { in: sessionIds }, revokedAt: null, expiresAt: { gt: new Date() },
          OR: [
            { user: { is: { disabledAt: null } } },
            { participant: { is: { removedAt: null, declinedAt: null, meeting: { status: { not: 'CLOSED' } } } } },
          ],
        },
        select: { id: true },
      }),
      this.db.participant.findMany({ where: { id: { in: participantIds }, removedAt: { not: null } }, select: { id: true } }),
    ]);
    const validSessions = new Set(valid.map((s) => s.id));
    const removedParticipants = new Set(removed.map((p) => p.id));
    for (const live of lives) {
      if (!validSessions.has(live.sessionId) || (live.participantId !== null && removedParticipants.has(live.participantId))) {
        this.finish(live, { reason: ACCESS_ENDED, expired: false });
      }
    }
  }
}
