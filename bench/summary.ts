import { chairSummary } from './chair-summary.js';
import type { BenchRuns } from './results-types.js';
import { PEERS, type ServerKind } from './measured-server.js';
import type { LiveRun } from './scenarios/live-load.js';
import { ratioSpread, spread } from './stats.js';
import type { ThreadSplit } from './thread-cpu.js';

// The runs of one bench, reduced to what the report shows: medians and ranges over the
// repetitions, and SAM Room ÷ peer (y-websocket, Hocuspocus) ratios of paired runs.

/** A thread's CPU in the window per edit sent, in ms; NaN where the run did not record threads. */
function perEdit(r: LiveRun, thread: (t: ThreadSplit) => number): number {
  return r.serverWindow.threads ? thread(r.serverWindow.threads) / Math.max(1, r.window.sent) : Number.NaN;
}

export function liveSummary(runs: LiveRun[]) {
  return {
    p50: spread(runs.map((r) => r.window.latency.p50)),
    p95: spread(runs.map((r) => r.window.latency.p95)),
    p99: spread(runs.map((r) => r.window.latency.p99)),
    max: spread(runs.map((r) => r.window.latency.max)),
    cpuPerEditMs: spread(runs.map((r) => r.cpuPerEditMs)),
    // By thread (absent from results written before it was recorded): the main thread, the embedded
    // database's worker thread (none with PostgreSQL, whose work is in its own processes), the rest.
    mainThreadCpuPerEditMs: spread(runs.map((r) => perEdit(r, (t) => t.mainMs))),
    databaseThreadCpuPerEditMs: spread(runs.map((r) => perEdit(r, (t) => t.workers.database ?? Number.NaN))),
    otherThreadsCpuPerEditMs: spread(runs.map((r) => perEdit(r, (t) => t.otherMs + Object.entries(t.workers).reduce((n, [name, ms]) => n + (name === 'database' ? 0 : ms), 0)))),
    serverCores: spread(runs.map((r) => (r.serverWindow.cpuUserMs + r.serverWindow.cpuSystemMs) / r.serverWindow.windowMs)),
    eldP99: spread(runs.map((r) => r.serverWindow.eventLoopDelay.p99)),
    eldMax: spread(runs.map((r) => r.serverWindow.eventLoopDelay.max)),
    rssPerParticipantKb: spread(runs.map((r) => r.memory.rssPerParticipantKb)),
    idleRssMb: spread(runs.map((r) => r.memory.idleRss / 2 ** 20)),
    connectedAboveIdleMb: spread(runs.map((r) => (r.memory.connectedRss - r.memory.idleRss) / 2 ** 20)),
    // Absent from results written before it was recorded.
    rssAboveIdlePerParticipantKb: spread(runs.map((r) => r.memory.rssAboveIdlePerParticipantKb ?? Number.NaN)),
    rssPerMeetingKb: spread(runs.map((r) => r.memory.rssPerMeetingKb)),
    heapPerParticipantKb: spread(runs.map((r) => r.memory.heapPerParticipantKb)),
    heapPerMeetingKb: spread(runs.map((r) => r.memory.heapPerMeetingKb)),
    edits: spread(runs.map((r) => r.window.sent)),
    lost: runs.reduce((n, r) => n + r.window.lost, 0),
    duplicates: runs.reduce((n, r) => n + r.window.duplicates, 0),
    disconnects: runs.reduce((n, r) => n + r.window.disconnects, 0),
    awarenessP99: spread(runs.map((r) => r.window.awarenessLatency.p99)),
    generatorDelayP99: spread(runs.map((r) => r.window.generator.eventLoopDelayP99)),
    // Absent from results written before it was recorded.
    generatorDelayMax: spread(runs.map((r) => r.window.generator.eventLoopDelayMax ?? Number.NaN)),
    generatorCores: spread(runs.map((r) => r.machine.generator)),
    otherCores: spread(runs.map((r) => r.machine.other)),
    joinP99: spread(runs.map((r) => r.connect.readyMs.p99)),
    runs: runs.length,
  };
}

export type LiveSummary = ReturnType<typeof liveSummary>;

/** SAM Room ÷ a peer, per pair of runs (repetition i of each). */
export function ratios(sam: LiveRun[], peer: LiveRun[]) {
  const of = (value: (r: LiveRun) => number) => ratioSpread(sam.map(value), peer.map(value));
  return {
    p50: of((r) => r.window.latency.p50),
    p95: of((r) => r.window.latency.p95),
    p99: of((r) => r.window.latency.p99),
    cpuPerEdit: of((r) => r.cpuPerEditMs),
    mainThreadCpuPerEdit: of((r) => perEdit(r, (t) => t.mainMs)),
    rssPerParticipant: of((r) => r.memory.rssAboveIdlePerParticipantKb ?? Number.NaN),
    heapPerParticipant: of((r) => r.memory.heapAboveIdlePerParticipantKb ?? Number.NaN),
    heapPerMeeting: of((r) => r.memory.heapPerMeetingKb),
    rssPerMeeting: of((r) => r.memory.rssPerMeetingKb),
  };
}

export type LiveRatios = ReturnType<typeof ratios>;

export function summarise(runs: BenchRuns) {
  // Results written before Hocuspocus was measured have no runs of it.
  const kindRuns = <T>(byKind: Partial<Record<ServerKind, T[]>>, kind: ServerKind) => byKind[kind] ?? [];
  const live = (scenario: 'many' | 'one' | 'oneSpread') => {
    const byKind: Partial<Record<ServerKind, LiveRun[]>> = runs[scenario] ?? {};
    return {
      samroom: liveSummary(kindRuns(byKind, 'samroom')),
      baseline: liveSummary(kindRuns(byKind, 'baseline')),
      hocuspocus: liveSummary(kindRuns(byKind, 'hocuspocus')),
      /** SAM Room ÷ each peer. */
      ratio: Object.fromEntries(PEERS.map((peer) => [peer, ratios(kindRuns(byKind, 'samroom'), kindRuns(byKind, peer))])) as Record<(typeof PEERS)[number], LiveRatios>,
    };
  };
  const ramp = (kind: ServerKind) => {
    const ramps = kindRuns(runs.ramp, kind);
    return {
      held: spread(ramps.map((r) => r.held)),
      reachedCeiling: ramps.map((r) => r.reachedCeiling),
      /** Every repetition ended at the ceiling or at the generator's limit: the figure is a lower bound. */
      atLeast: ramps.length > 0 && ramps.every((r) => r.reachedCeiling || r.generatorLimited),
      stopReasons: ramps.map((r) => r.stopReason),
      rssPerParticipantKb: spread(ramps.map((r) => r.rssPerParticipantKb)),
      heapPerParticipantKb: spread(ramps.map((r) => r.heapPerParticipantKb ?? Number.NaN)),
      /** Participants held, SAM Room ÷ this server, per pair of ramps. */
      heldRatio: ratioSpread(runs.ramp.samroom.map((r) => r.held), ramps.map((r) => r.held)),
    };
  };
  const openCases = [...new Set(runs.records.flatMap((r) => r.open.map((o) => o.case)))];
  const paints = runs.records.flatMap((r) => (r.firstPaint ? [r.firstPaint] : []));
  return {
    many: live('many'),
    one: live('one'),
    oneSpread: live('oneSpread'),
    ramp: { samroom: ramp('samroom'), baseline: ramp('baseline'), hocuspocus: ramp('hocuspocus') },
    open: openCases.map((c) => ({
      case: c,
      syncedMs: spread(runs.records.flatMap((r) => r.open.filter((o) => o.case === c).map((o) => o.syncedMs))),
      openMs: spread(runs.records.flatMap((r) => r.open.filter((o) => o.case === c).map((o) => o.openMs))),
      serverMs: spread(runs.records.flatMap((r) => r.open.filter((o) => o.case === c).map((o) => o.serverMs ?? Number.NaN))),
      clientApplyMs: spread(runs.records.flatMap((r) => r.open.filter((o) => o.case === c).map((o) => o.clientApplyMs ?? Number.NaN))),
      loadMs: spread(runs.records.flatMap((r) => r.open.filter((o) => o.case === c).map((o) => o.loadMs ?? Number.NaN))),
    })),
    firstPaint: paints[0] ?? null,
    minutes: {
      restFirstMs: spread(runs.records.map((r) => r.minutes.rest.firstMs)),
      restMs: spread(runs.records.map((r) => r.minutes.rest.medianMs)),
      modelFirstMs: spread(runs.records.map((r) => r.minutes.inProcess.firstModelMs)),
      pdfFirstMs: spread(runs.records.map((r) => r.minutes.inProcess.firstPdfMs)),
      modelMs: spread(runs.records.map((r) => r.minutes.inProcess.modelMs)),
      pdfMs: spread(runs.records.map((r) => r.minutes.inProcess.pdfMs)),
      pages: runs.records[0]?.minutes.inProcess.pages ?? 0,
      bytes: runs.records[0]?.minutes.inProcess.pdfBytes ?? 0,
    },
    import: { ms: spread(runs.records.map((r) => r.import.ms)), items: runs.records[0]?.import.itemsCreated ?? 0 },
    two: {
      p50: spread((runs.two ?? []).map((r) => r.window.latency.p50)),
      p99: spread((runs.two ?? []).map((r) => r.window.latency.p99)),
      max: spread((runs.two ?? []).map((r) => r.window.latency.max)),
      crossP50: spread((runs.two ?? []).map((r) => r.window.crossProcessLatency?.p50 ?? Number.NaN)),
      crossP99: spread((runs.two ?? []).map((r) => r.window.crossProcessLatency?.p99 ?? Number.NaN)),
      cpuPerEditMs: spread((runs.two ?? []).map((r) => r.cpuPerEditMs)),
      eldP99: spread((runs.two ?? []).flatMap((r) => r.servers.map((s) => s.eventLoopDelay.p99))),
      lost: (runs.two ?? []).reduce((n, r) => n + r.window.lost, 0),
      duplicates: (runs.two ?? []).reduce((n, r) => n + r.window.duplicates, 0),
      runs: runs.two?.length ?? 0,
      skipped: runs.twoSkipped ?? null,
    },
    chair: chairSummary(runs),
  };
}

export type Summary = ReturnType<typeof summarise>;

