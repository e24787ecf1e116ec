import { listItems, meetingDocName } from '../../shared/meeting-doc/index.js';
import { timedOpen } from '../collab-connect.js';
import type { MeasuredServer } from '../measured-server.js';
import type { Prepared } from '../template.js';

// Scenario 4, server side: how long a 300-item meeting takes to open, from a y-websocket
// client's connect to its first complete sync, in the cases a meeting day meets.

export interface OpenTiming {
  case: string;
  /** Connect → websocket open (session, access check, document load). */
  openMs: number;
  /** Connect → first sync complete. */
  syncedMs: number;
  /** What of that is the client's own work: decoding and applying what it received, timed as it happened. */
  clientApplyMs: number;
  /** The server's part, about: synced less the client's own work. */
  serverMs: number;
  /** The server's own log of loading the document (read and build), when this open loaded it. */
  loadMs: number | null;
  items: number;
}

/** The server's 'document loaded' log line for a document, newest first (the server logs at info). */
function loggedLoadMs(serverOutput: string, docName: string): number | null {
  for (const line of serverOutput.split('\n').reverse()) {
    if (!line.includes('"document loaded"') || !line.includes(docName)) continue;
    const entry = JSON.parse(line) as { doc?: string; ms?: { total?: number } };
    if (entry.doc === docName && typeof entry.ms?.total === 'number') return entry.ms.total;
  }
  return null;
}

export async function coldOpen(httpBase: string, prepared: Prepared, server: Pick<MeasuredServer, 'outputMark' | 'outputSince'>): Promise<OpenTiming[]> {
  const token = prepared.chairToken;
  const timings: OpenTiming[] = [];
  const open = async (label: string, meetingId: string, keep = false) => {
    const mark = server.outputMark();
    const t = await timedOpen(httpBase, meetingDocName(meetingId), token);
    const loadMs = loggedLoadMs(server.outputSince(mark), meetingDocName(meetingId));
    timings.push({ case: label, openMs: t.openMs, syncedMs: t.syncedMs, clientApplyMs: t.applyMs, serverMs: t.syncedMs - t.applyMs, loadMs, items: listItems(t.doc).length });
    if (!keep) t.destroy();
    return t;
  };
  const first = await open('first open after a server start (built from the records)', prepared.fresh[0]!, true);
  // Warm the process on a small meeting, as a morning's first meeting would.
  await open('(warm-up: a 30-item meeting)', prepared.live[0]!.id);
  await open('first open, server warm (built from the records)', prepared.fresh[1]!);
  await open('another client joins an open meeting', prepared.fresh[0]!);
  await open('first open of a stored meeting (snapshot + records)', prepared.decided);
  first.destroy();
  return timings.filter((t) => !t.case.startsWith('('));
}
