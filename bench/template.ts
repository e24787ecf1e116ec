import { randomBytes, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { listItems, meetingDocName, rationaleText, setFields, type ItemInit } from '../shared/meeting-doc/index.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { agendaItemInits } from '../server/records/agenda-snapshot.js';
import { writeDueNotices } from '../server/reminders/notices.js';
import { startServer, type RunningServer } from '../server/server.js';
import { openProvider } from './collab-connect.js';
import type { BenchConfig } from './config.js';
import type { DbTemplate } from './database.js';
import { episodeRows } from './episodes.js';
import { HttpSession } from './http-session.js';
import { laps } from './phase-timer.js';

// Prepares the database every run copies: the demo seed, then the bench's meetings, made through
// the REST API as a coordinator would (create, import episodes), plus decisions for the minutes.

export interface BenchMeeting {
  id: string;
  docName: string;
  /** The agenda items as the records hold them: the baseline's documents are seeded with these. */
  items: ItemInit[];
}

export interface Prepared {
  password: string;
  sessionSecret: string;
  /** Every copy of the database runs with the key its audit trail was begun with. */
  auditKey: string;
  /** Session tokens of staff who may write (chair, coordinator, agency representatives). */
  tokens: string[];
  chairToken: string;
  /** 30-item meetings for scenarios 1 and 3. */
  live: BenchMeeting[];
  /** The one large meeting of scenario 2. */
  big: BenchMeeting;
  /** 300-item meetings never opened: the document is built from the records on first open. */
  fresh: string[];
  /** A 300-item meeting whose document is stored (edited, then compacted) and whose items are decided. */
  decided: string;
  /** An empty meeting for the 1,000-episode import. */
  importTarget: string;
}

const WRITERS = [
  'chair', 'coordinator', 'police', 'ot', 'corrections', 'health', 'acc', 'msd', 'education', 'justice', 'housing',
  'iwi', 'kaupapa', 'ngo', 'victim', 'perpetrator',
];

const PATHWAYS = ['LEAD_AGENCY_RESPONSE', 'INFORMATION_ONLY', 'REFER_ICM', 'NO_FURTHER_ACTION'] as const;
const LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;

export async function prepareTemplate(template: DbTemplate, config: BenchConfig, log: (line: string) => void = () => undefined): Promise<Prepared> {
  const lap = laps(log);
  const password = `bench-${randomBytes(6).toString('hex')}`;
  const sessionSecret = randomBytes(32).toString('base64url');
  const auditKey = randomBytes(32).toString('base64url');
  const server = await startServer(
    await loadConfig({
      ...template.env, PORT: '0', HOST: '127.0.0.1', DEMO_PASSWORD: password, SESSION_SECRET: sessionSecret, AUDIT_KEY: auditKey,
      // Unload at once, so the stored meeting is compacted into a snapshot before the copy is taken.
      DOC_UNLOAD_DELAY_MS: '0',
    }),
    createLogger('warn'),
  );
  lap('server started (migrations, demo seed)');
  try {
    return await populate(server, config, { password, sessionSecret, auditKey }, lap);
  } finally {
    await server.close();
  }
}

async function populate(
  server: RunningServer, config: BenchConfig, secrets: Pick<Prepared, 'password' | 'sessionSecret' | 'auditKey'>, lap: (what: string) => void,
): Promise<Prepared> {
  const { password } = secrets;
  const base = `http://127.0.0.1:${server.port}`;
  // Waikato's staff, at their own site: it has no earlier meeting or open action, so no demo family
  // is carried over onto the bench's lists.
  const sessions = await Promise.all(WRITERS.map((who) => HttpSession.signIn(base, `${who}.waikato@demo.test`, password)));
  const coordinator = sessions[1]!;
  const [site] = await coordinator.json<{ id: string; code: string }[]>('GET', '/api/sites');
  if (site?.code !== 'WAIKATO') throw new Error(`the bench's coordinator should work at Waikato, not ${site?.code ?? 'no site'}`);

  let day = 0;
  const create = async () => {
    const date = new Date(Date.UTC(2031, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);
    return (await coordinator.json<{ id: string }>('POST', '/api/meetings', { siteId: site.id, date, kind: 'DAILY_SAM' })).id;
  };
  const importInto = (meetingId: string, prefix: string, count: number) =>
    coordinator.json('POST', `/api/meetings/${meetingId}/episodes/import`, episodeRows(prefix, count));

  // All meetings first: a meeting created after decisions exist would carry their open actions over.
  // A few requests at a time: the server waits on the database for much of each.
  const liveCount = Math.max(config.many.meetings, config.ramp.meetings);
  const ids = await inParallel(Array.from({ length: liveCount + 6 }, (_, i) => i), () => create());
  const liveIds = ids.slice(0, liveCount);
  const [bigId, f0, f1, f2, decided, importTarget] = ids.slice(liveCount) as [string, string, string, string, string, string];
  const fresh = [f0, f1, f2];
  lap('meetings created');

  await inParallel([...liveIds.entries()], ([i, id]) => importInto(id, `L${i}`, config.many.itemsPerMeeting));
  await importInto(bigId, 'BIG', config.one.itemsPerMeeting);
  await inParallel([...fresh.entries()], ([i, id]) => importInto(id, `F${i}`, config.records.openItems));
  await importInto(decided, 'DEC', config.records.openItems);
  lap('episodes imported');

  // Everyone has acknowledged each meeting's confidentiality statement, as the room asks before it opens.
  // One request per meeting and person, a few at a time: all of a meeting's people at once opened
  // more transactions than the server's pool starts in time on a loaded machine.
  const acknowledgements = [...liveIds, bigId, ...fresh, decided].flatMap((id) => sessions.map((s) => ({ id, s })));
  await inParallel(acknowledgements, ({ id, s }) => s.json('POST', `/api/meetings/${id}/confidentiality`, { acknowledged: true }));
  lap('confidentiality acknowledged');
  await decide(server, decided);
  await storeDocument(server, base, decided, sessions[0]!.token);
  // A running server writes whatever notices are owed within its reminder interval; any left
  // unwritten here, every copy's server would write at start, during the first open.
  await writeDueNotices(server.ctx.db, { digestTime: server.ctx.config.REMINDER_DIGEST_TIME, appUrl: null });
  lap('decisions and the stored document');

  const meeting = async (id: string): Promise<BenchMeeting> => ({ id, docName: meetingDocName(id), items: await agendaItemInits(server.ctx.db, id) });
  return {
    ...secrets,
    tokens: sessions.map((s) => s.token),
    chairToken: sessions[0]!.token,
    live: await Promise.all(liveIds.map(meeting)),
    big: await meeting(bigId),
    fresh,
    decided,
    importTarget,
  };
}

const PARALLEL = 4;
/** Past the reminders' window for a newly assigned action (server/reminders/notices.ts, 24 h). */
const DECIDED_DAYS_AGO = 3;

/** `work` over every element, PARALLEL at a time, results in order. */
async function inParallel<T, R>(elements: T[], work: (element: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(elements.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(PARALLEL, elements.length) }, async () => {
    while (next < elements.length) {
      const i = next++;
      results[i] = await work(elements[i]!);
    }
  }));
  return results;
}

/**
 * Every item decided with a rationale and two actions, written directly, as finalize would leave them
 * days before: actions created today would each be owed a reminder notice (server/reminders), and
 * every measured server's first reminders pass would write 600 of them during its measurement.
 */
async function decide(server: RunningServer, meetingId: string): Promise<void> {
  const db = server.ctx.db;
  const decidedAt = new Date(Date.now() - DECIDED_DAYS_AGO * 86_400_000);
  const agencies = await db.agency.findMany({ select: { id: true } });
  const items = await db.agendaItem.findMany({ where: { meetingId }, select: { id: true, caseId: true } });
  const decisions = items.map((item, i) => ({
    id: randomUUID(), agendaItemId: item.id, caseId: item.caseId, version: 1,
    riskLevel: LEVELS[i % 3]!, pathway: PATHWAYS[i % PATHWAYS.length]!, leadAgencyId: agencies[i % agencies.length]!.id,
    rationale: `Risk agreed after police and health information were shared (item ${i + 1}). The person at risk has `
      + 'support from whānau; the person using violence was released on bail with conditions. Children are at kura '
      + 'and school staff are aware. Lead agency to make contact within 24 hours and report back at the next meeting.',
    dissent: i % 10 === 0 ? 'Corrections would rate the risk one level higher given the recent breach.' : '',
    contentHash: randomBytes(32).toString('hex'),
  }));
  await db.decision.createMany({ data: decisions });
  await db.action.createMany({
    data: decisions.flatMap((d, i) => [0, 1].map((k) => ({
      caseId: d.caseId, decisionId: d.id, docActionId: `bench-${i}-${k}`, agencyId: agencies[(i + k + 1) % agencies.length]!.id,
      type: k === 0 ? 'SAFETY_PLAN' : 'HOME_VISIT', description: `Contact the whānau and agree the next steps (${k + 1} of 2).`,
      dueDate: new Date(Date.UTC(2031, 6, 1 + (i % 28))), priority: i % 5 === 0 ? 'URGENT' as const : 'STANDARD' as const,
      createdAt: decidedAt,
    }))),
  });
  await db.agendaItem.updateMany({ where: { meetingId }, data: { status: 'DECIDED' } });
}

/** Opens the document, types into every item, and waits until it was unloaded into a snapshot. */
async function storeDocument(server: RunningServer, base: string, meetingId: string, token: string): Promise<void> {
  const docName = meetingDocName(meetingId);
  const doc = new Y.Doc();
  const provider = openProvider(base, docName, doc, token);
  await new Promise<void>((resolve) => provider.on('sync', (synced) => synced && resolve()));
  for (const [i, item] of listItems(doc).entries()) {
    rationaleText(item).insert(0, `Discussed: police summary read; health shared GP contact; OT has no current involvement (${i}).`);
    setFields(item, { riskLevel: LEVELS[i % 3]! });
  }
  // The server has every edit when a fresh client sees them all.
  const check = new Y.Doc();
  const checker = openProvider(base, docName, check, token);
  const deadline = Date.now() + 60_000;
  while (listItems(check).filter((item) => rationaleText(item).length > 0).length < listItems(doc).length) {
    if (Date.now() > deadline) throw new Error('the stored meeting did not reach the server');
    await new Promise((r) => setTimeout(r, 50));
  }
  checker.destroy();
  provider.destroy();
  while (!(await server.ctx.db.docSnapshot.findUnique({ where: { doc: docName }, select: { doc: true } }))) {
    if (Date.now() > deadline) throw new Error('the stored meeting was not compacted');
    await new Promise((r) => setTimeout(r, 50));
  }
}
