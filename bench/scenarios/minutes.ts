import { performance } from 'node:perf_hooks';
import { openDbTarget } from '../../server/db/adapter.js';
import { createPrismaClient } from '../../server/db/client.js';
import { loadMinutesModel } from '../../server/exports/minutes-model.js';
import { minutesPdf } from '../../server/exports/minutes-pdf.js';
import type { BenchDb } from '../database.js';
import { HttpSession } from '../http-session.js';

// Scenario 5: the minutes PDF of a 300-item decided meeting, in-process (model load and
// rendering apart) and end to end through the REST export.

export interface MinutesInProcess {
  /** First call on a freshly opened database, then the median of the next ones. */
  firstModelMs: number;
  firstPdfMs: number;
  modelMs: number;
  pdfMs: number;
  pdfBytes: number;
  pages: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Opens the database itself: for the embedded PGlite, only while no server has it open. */
export async function minutesInProcess(db: BenchDb, meetingId: string, repeat = 3): Promise<MinutesInProcess> {
  const target = await openDbTarget({ databaseUrl: db.env.DATABASE_URL || undefined, pgliteDir: `${db.env.DATA_DIR}/pglite` });
  const prisma = createPrismaClient(target);
  try {
    const runs: { modelMs: number; pdfMs: number; bytes: Buffer }[] = [];
    for (let i = 0; i <= repeat; i++) {
      const t0 = performance.now();
      const model = await loadMinutesModel(prisma, meetingId);
      const t1 = performance.now();
      const bytes = await minutesPdf(model, { line: 'Benchmark copy', at: new Date() });
      runs.push({ modelMs: t1 - t0, pdfMs: performance.now() - t1, bytes });
    }
    const [first, ...rest] = runs;
    const pdf = first!.bytes.toString('latin1');
    return {
      firstModelMs: first!.modelMs,
      firstPdfMs: first!.pdfMs,
      modelMs: median(rest.map((r) => r.modelMs)),
      pdfMs: median(rest.map((r) => r.pdfMs)),
      pdfBytes: first!.bytes.length,
      pages: (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length,
    };
  } finally {
    await prisma.$disconnect();
    await target.close();
  }
}

/** GET /api/meetings/:id/minutes?format=pdf as the chair: the first request, then the median of the next. */
export async function minutesOverRest(httpBase: string, chairToken: string, meetingId: string, repeat = 3): Promise<{ firstMs: number; medianMs: number }> {
  const chair = HttpSession.withToken(httpBase, chairToken);
  const times: number[] = [];
  for (let i = 0; i <= repeat; i++) {
    const t0 = performance.now();
    const res = await chair.request('GET', `/api/meetings/${meetingId}/minutes?format=pdf`);
    if (!res.ok) throw new Error(`minutes export: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return { firstMs: times[0]!, medianMs: median(times.slice(1)) };
}
