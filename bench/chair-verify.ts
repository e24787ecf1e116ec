import * as Y from 'yjs';
import { CaseRecord } from '../shared/api/records.js';
import { meetingDocName, meetingSnapshot } from '../shared/meeting-doc/index.js';
import type { ChairPlan } from './chair-policy.js';
import { openProvider } from './collab-connect.js';
import type { HttpSession } from './http-session.js';

// After the scripted chair is done: was every item of the meeting really decided, as the chair
// meant? The meeting's document names every item (so none the script never reached goes unseen);
// the case records (GET /api/cases/:id) must hold a current decision per item with the chair's
// risk level, pathway and lead agency, and its action.

const SYNC_TIMEOUT_MS = 30_000;

export interface Verification {
  itemsInMeeting: number;
  decidedOnRecord: number;
  /** Everything that is not as the chair left it; empty when the run is good. */
  problems: string[];
}

async function meetingItems(chair: HttpSession, meetingId: string) {
  const doc = new Y.Doc();
  const provider = openProvider(chair.base, meetingDocName(meetingId), doc, chair.token);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the meeting document did not sync for the check')), SYNC_TIMEOUT_MS);
      provider.on('sync', (synced) => {
        if (!synced) return;
        clearTimeout(timer);
        resolve();
      });
    });
    return meetingSnapshot(doc);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** `planned`: per item id, what the chair decided it should be. */
export async function verifyDecided(chair: HttpSession, meetingId: string, planned: ReadonlyMap<string, ChairPlan>): Promise<Verification> {
  const items = await meetingItems(chair, meetingId);
  const problems: string[] = [];
  let decidedOnRecord = 0;
  for (const item of items) {
    const plan = planned.get(item.id);
    if (!plan) {
      problems.push(`${item.familyRef}: never decided by the chair`);
      continue;
    }
    if (item.status !== 'DECIDED') problems.push(`${item.familyRef}: ${item.status} in the meeting document`);
    // The chair sees every family's whole record (need to know applies to agencies).
    const history = CaseRecord.parse(await chair.json('GET', `/api/cases/${item.caseId}`));
    const onList = history.meetings.find((m) => m.meetingId === meetingId && m.itemId === item.id);
    const decision = onList?.decisions.find((d) => !d.superseded);
    if (!onList || onList.status !== 'DECIDED' || !decision) {
      problems.push(`${item.familyRef}: no current decision on record (item ${onList?.status ?? 'missing'})`);
      continue;
    }
    const want = { riskLevel: plan.riskLevel, pathway: plan.pathway, leadAgency: plan.lead?.code ?? null };
    const got = { riskLevel: decision.riskLevel, pathway: decision.pathway, leadAgency: decision.leadAgency };
    if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${item.familyRef}: recorded ${JSON.stringify(got)}, the chair chose ${JSON.stringify(want)}`);
    const actions = history.actions.filter((a) => a.decisionId === decision.id);
    const wantActions = plan.action && plan.lead ? [`${plan.action.type} (${plan.lead.code})`] : [];
    const gotActions = actions.map((a) => `${a.type} (${a.agency.code})`);
    if (JSON.stringify(wantActions) !== JSON.stringify(gotActions)) problems.push(`${item.familyRef}: actions on record ${JSON.stringify(gotActions)}, the chair added ${JSON.stringify(wantActions)}`);
    decidedOnRecord++;
  }
  for (const id of planned.keys()) if (!items.some((i) => i.id === id)) problems.push(`item ${id}: decided by the chair but not in the meeting`);
  return { itemsInMeeting: items.length, decidedOnRecord, problems };
}
