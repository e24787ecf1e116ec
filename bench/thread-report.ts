import { PEERS, type ServerKind } from './measured-server.js';
import { fmtSpread } from './stats.js';
import type { LiveRatios, LiveSummary } from './summary.js';

// The servers' CPU per edit by thread, for the embedded database against PostgreSQL: with PGlite
// the database's work is in the server's process (its own worker thread), with PostgreSQL in
// PostgreSQL's processes, so the process figure alone does not compare the two.

const KINDS: ServerKind[] = ['samroom', 'baseline', 'hocuspocus'];
const NAMES: Record<ServerKind, string> = { samroom: 'SAM Room', baseline: 'y-websocket', hocuspocus: 'Hocuspocus' };

type Scenario = Record<ServerKind, LiveSummary> & { ratio: Record<(typeof PEERS)[number], LiveRatios> };

export function threadTable(scenarios: { title: string; summary: Scenario }[], database: 'postgres' | 'pglite'): string[] {
  const cells = (s: LiveSummary) => s.runs === 0 ? 'n/a | | |'
    : `${fmtSpread(s.cpuPerEditMs, 2)} | ${fmtSpread(s.mainThreadCpuPerEditMs, 2)} | ${s.databaseThreadCpuPerEditMs.n > 0 ? fmtSpread(s.databaseThreadCpuPerEditMs, 2) : '—'} | ${fmtSpread(s.otherThreadsCpuPerEditMs, 2)}`;
  const lines = [
    '### Server CPU per edit by thread',
    '',
    'The process\'s CPU per edit split by thread, from /proc: the main thread (the event loop, where the server\'s JavaScript runs), '
      + 'the embedded database\'s worker thread (SAM Room on PGlite; "—" where there is none: PostgreSQL\'s work is in its own processes, among "other processes" above), '
      + 'and the other threads (V8\'s collector and compiler helpers, libuv\'s pool). '
      + (database === 'pglite' ? 'Here SAM Room ran on the embedded PGlite.' : 'Here SAM Room ran on PostgreSQL.'),
    '',
  ];
  for (const { title, summary } of scenarios) {
    lines.push(`| ${title} | process (ms) | main thread (ms) | database thread (ms) | other threads (ms) |`, '|---|---|---|---|---|');
    for (const kind of KINDS) lines.push(`| ${NAMES[kind]} | ${cells(summary[kind])} |`);
    for (const peer of PEERS) {
      const r = summary.ratio[peer];
      lines.push(`| SAM Room ÷ ${NAMES[peer]} | ${fmtSpread(r.cpuPerEdit, 2, '×')} | ${fmtSpread(r.mainThreadCpuPerEdit, 2, '×')} | | |`);
    }
    lines.push('');
  }
  return lines;
}
