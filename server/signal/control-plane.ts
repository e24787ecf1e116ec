import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { HandshakeAuth, type BroadcastName, type BroadcastPayload } from '../../shared/control.js';
import { holderOf, type Holder, type LiveHandle } from '../access/live-access.js';
import { decideMeetingAccess } from '../access/meeting-access.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { readSessionToken } from '../auth/session-middleware.js';
import { isAllowedOrigin } from '../http/same-origin.js';
import type { ControlContext } from './command-context.js';
import { registerCommands } from './command-router.js';
import { controlState, lobbyState } from './control-state.js';
import type { MeetingControl } from './meeting-control.js';
import { roster } from './roster.js';
import { ServerCountWatch } from './server-count-watch.js';
import { chairRoom, meetingRoom, participantRoom, type ControlServer, type ControlSocket, type SocketData } from './socket-types.js';

const ROSTER_DEBOUNCE_MS = 50;
const SERVER_COUNT_POLL_MS = 2000;

class HandshakeRefused extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

/**
 * The meeting control plane on socket.io: the server is the only writer of control state;
 * clients send commands (each acknowledged) and render what is broadcast to their meeting's room.
 */
export class ControlPlane implements MeetingControl {
  readonly io: ControlServer;
  private readonly rosterTimers = new Map<string, NodeJS.Timeout>();
  /** The newest roster count started per meeting; an older one that finishes later is not sent. */
  private readonly latestRoster = new Map<string, number>();
  private rosterRuns = 0;
  private redis: ReturnType<typeof createClient> | undefined;
  private serverCount: ServerCountWatch | undefined;
  /** Work started by events (a socket leaving) that shutdown must let finish before the database goes. */
  private readonly pending = new Set<Promise<unknown>>();
  /** Sockets whose handshake was their participant's arrival, until the connection is set up. */
  private readonly joining = new WeakSet<ControlSocket>();
  /** What each socket's handshake read of its session, until the connection registers it. */
  private readonly holders = new WeakMap<ControlSocket, Holder>();

  constructor(private readonly ctx: ControlContext) {
    this.io = new Server({
      path: '/socket.io',
      // Websocket only: any load balancer works without sticky sessions.
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: 256 * 1024,
      // The collab server shares this HTTP server's upgrade event; leave its sockets alone.
      destroyUpgrade: false,
      allowRequest: (req, done) => {
        if (isAllowedOrigin(req.headers, ctx.config.ALLOWED_ORIGINS, ctx.config.TRUST_PROXY)) return done(null, true);
        void ctx.audit.record({
          actorLabel: `anonymous (${req.socket.remoteAddress ?? 'unknown'})`, action: 'control.refused',
          details: { code: 'FORBIDDEN_ORIGIN', reason: 'request from another site', origin: req.headers.origin ?? null },
        }).catch((err: unknown) => ctx.log.error({ err }, 'audit failed'));
        done('FORBIDDEN_ORIGIN', false);
      },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    });
    this.io.use((socket, next) => {
      this.handshake(socket).then(() => next(), (err: Error) => next(err));
    });
    this.io.on('connection', (socket) => {
      this.onConnection(socket).catch((err: unknown) => {
        ctx.log.error({ err }, 'setting up a control connection failed');
        socket.disconnect(true);
      });
    });
  }

  /**
   * With Redis, broadcasts and fetchSockets reach every process through Redis streams (which
   * survive a Redis restart and support connection-state recovery). Attach after the app's own
   * request handler, so socket.io answers only its own path.
   *
   * The roster asks every process subscribed at that moment. After Redis restarts, each process's
   * connections come back one by one (each on its own backoff), so a roster counted as soon as ours
   * is back can miss a process whose subscription is not back yet, and be the last one sent. So
   * the rosters are counted again whenever the number of processes answering changes.
   */
  async attach(http: HttpServer): Promise<void> {
    if (this.ctx.config.REDIS_URL) {
      this.redis = createClient({ url: this.ctx.config.REDIS_URL });
      this.redis.on('error', (err: Error) => this.ctx.log.warn({ err: err.message }, 'socket.io redis adapter error'));
      await this.redis.connect();
      this.io.adapter(createAdapter(this.redis));
      const adapter = this.io.of('/').adapter;
      this.serverCount = new ServerCountWatch(() => adapter.serverCount(), SERVER_COUNT_POLL_MS, () => this.refreshRosters());
      // Broadcasts sent while Redis was away are lost to other processes: once the adapter's own
      // connection is back, resend the state to this process's sockets.
      this.redis.on('ready', () => {
        this.serverCount?.forget();
        this.track(this.resendState());
      });
      this.serverCount.start();
    }
    this.io.attach(http);
  }

  /** The meetings with sockets on this process. */
  private localMeetings(): string[] {
    return [...this.io.of('/').adapter.rooms.keys()].filter((room) => room.startsWith('meeting:')).map((room) => room.slice('meeting:'.length));
  }

  private refreshRosters(): void {
    for (const meetingId of this.localMeetings()) this.rosterChanged(meetingId);
  }

  private async resendState(): Promise<void> {
    for (const meetingId of this.localMeetings()) {
      const room = meetingRoom(meetingId);
      const { status, focus, timer } = await controlState(this.ctx.db, meetingId);
      this.io.local.to(room).emit('meeting:status', status);
      this.io.local.to(room).emit('focus', focus);
      this.io.local.to(room).emit('timer', timer);
      this.rosterChanged(meetingId);
    }
  }

  private async handshake(socket: ControlSocket): Promise<void> {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) throw new HandshakeRefused('BAD_HANDSHAKE', 'auth must carry the meetingId');
    const { meetingId } = auth.data;
    const epoch = this.ctx.access.epoch();
    const principal = await this.ctx.sessions.resolve(auth.data.token ?? readSessionToken(socket.handshake.headers.cookie));
    // `why` goes to the audit trail only, when the client must not learn it.
    const refuse = async (code: string, reason: string, why = reason) => {
      await this.ctx.audit.record({
        actorId: principal ? actorId(principal) : null,
        actorLabel: principal ? actorLabel(principal) : `anonymous (${socket.handshake.address})`,
        action: 'control.refused', subjectType: 'Meeting', subjectId: meetingId, details: { code, reason: why },
      });
      return new HandshakeRefused(code, reason);
    };
    // The same decision as for the meeting's documents.
    const access = await decideMeetingAccess(this.ctx.db, principal, meetingId);
    if (!access.ok) throw await refuse(access.refusal, access.reason, access.why);
    const { meeting, participantId } = access;
    // Attendance is frozen at the close: opening a closed meeting's record is not joining it.
    if (meeting.status !== 'CLOSED') await this.markJoined(socket, participantId);
    this.holders.set(socket, holderOf(access.principal, participantId, epoch));
    const row = await this.ctx.db.participant.findUniqueOrThrow({
      where: { id: participantId },
      select: { joinedAt: true, createdAt: true, mode: true, confidentialityAckAt: true, agency: { select: { code: true, name: true } } },
    });
    socket.data = {
      meetingId, participantId, actorId: actorId(access.principal), actorLabel: actorLabel(access.principal),
      displayName: access.principal.displayName, agency: row.agency, role: access.principal.role, mode: row.mode,
      since: (row.joinedAt ?? row.createdAt).toISOString(), confidentialityAcknowledged: row.confidentialityAckAt !== null,
    };
  }

  /** Conditional updates, so of two tabs opening at once exactly one counts as the join. */
  private async markJoined(socket: ControlSocket, participantId: string): Promise<void> {
    const now = new Date();
    const first = await this.ctx.db.participant.updateMany({ where: { id: participantId, joinedAt: null }, data: { joinedAt: now } });
    const back = await this.ctx.db.participant.updateMany({ where: { id: participantId, leftAt: { not: null } }, data: { leftAt: null } });
    if (first.count + back.count > 0) this.joining.add(socket);
  }

  private async onConnection(socket: ControlSocket): Promise<void> {
    const { meetingId, participantId, role } = socket.data;
    const holder = this.holders.get(socket);
    if (!holder) return void socket.disconnect(true);
    let access: LiveHandle | undefined;
    socket.on('disconnect', () => {
      access?.release();
      this.rosterChanged(meetingId);
      this.track(this.markLeftIfGone(socket.data));
    });
    access = this.ctx.access.register(holder, ({ reason }) => {
      // Local: with connection-state recovery, socket.emit goes through the Redis adapter first and
      // would arrive after the disconnect.
      this.io.local.to(socket.id).emit('access:ended', { reason });
      socket.disconnect(true);
    });
    if (!socket.connected) return; // access ended while the handshake was reading it
    await socket.join([meetingRoom(meetingId), participantRoom(participantId), ...(role === 'CHAIR' || role === 'COORDINATOR' ? [chairRoom(meetingId)] : [])]);
    registerCommands(socket, this.ctx, this, access);
    // Attendance in the audit trail: arriving (or coming back after leaving) is a join; a second tab is not.
    if (this.joining.delete(socket)) await this.auditPresence(socket.data, 'participant.join');
    const { status, focus, timer } = await controlState(this.ctx.db, meetingId);
    socket.emit('meeting:status', status);
    socket.emit('focus', focus);
    socket.emit('timer', timer);
    if (role === 'CHAIR' || role === 'COORDINATOR') socket.emit('lobby', await lobbyState(this.ctx.db, meetingId));
    this.rosterChanged(meetingId);
  }

  /** Attendance: the time a participant's last connection went. */
  private async markLeftIfGone(data: SocketData): Promise<void> {
    const still = await this.io.in(participantRoom(data.participantId)).fetchSockets();
    if (still.length > 0) return;
    // After the close, whoever was still here left at the close (meeting:close); nothing more to record.
    const left = await this.ctx.db.participant.updateMany({ where: { id: data.participantId, meeting: { status: { not: 'CLOSED' } } }, data: { leftAt: new Date() } });
    if (left.count > 0) await this.auditPresence(data, 'participant.leave');
  }

  private auditPresence(data: SocketData, action: 'participant.join' | 'participant.leave'): Promise<void> {
    return this.ctx.audit.record({
      actorId: data.actorId, actorLabel: data.actorLabel, action, subjectType: 'Participant', subjectId: data.participantId,
      meetingId: data.meetingId, details: { mode: data.mode },
    }).catch((err: unknown) => this.ctx.log.error({ err }, 'audit of attendance failed'));
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch((err: unknown) => this.ctx.log.error({ err }, 'control-plane background work failed'));
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  broadcast<B extends BroadcastName>(meetingId: string, event: B, payload: BroadcastPayload<B>): void {
    (this.io.to(meetingRoom(meetingId)).emit as (e: B, p: BroadcastPayload<B>) => boolean)(event, payload);
  }

  /** Coalesces bursts (a room of 60 connecting at 8:30) into one roster broadcast. */
  rosterChanged(meetingId: string): void {
    if (this.rosterTimers.has(meetingId)) return;
    this.rosterTimers.set(meetingId, setTimeout(() => {
      this.rosterTimers.delete(meetingId);
      const run = ++this.rosterRuns;
      this.latestRoster.set(meetingId, run);
      const latest = () => this.latestRoster.get(meetingId) === run && this.latestRoster.delete(meetingId);
      roster(this.io, meetingId).then(
        (payload) => {
          if (latest()) this.broadcast(meetingId, 'roster', payload);
        },
        (err: unknown) => {
          latest();
          this.ctx.log.error({ err }, 'roster broadcast failed');
        },
      );
    }, ROSTER_DEBOUNCE_MS));
  }

  /** Someone joined or left the lobby: the chairs see the new waiting list. */
  async lobbyChanged(meetingId: string): Promise<void> {
    this.io.to(chairRoom(meetingId)).emit('lobby', await lobbyState(this.ctx.db, meetingId));
  }

  async close(): Promise<void> {
    this.serverCount?.stop();
    for (const timer of this.rosterTimers.values()) clearTimeout(timer);
    this.io.disconnectSockets(true);
    await Promise.allSettled(this.pending);
    // io.close() would also close the shared HTTP server; server.ts closes that itself.
    this.io.engine.close();
    await this.redis?.quit().catch(() => {});
  }
}
