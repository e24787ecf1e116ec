import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { fillPlanDoc, validatePlanDoc, type PlanKind } from '../../shared/plan-doc/index.js';
import type { DocExtension } from './doc-lifecycle.js';
import { ServerOrigin } from './origins.js';

const SEED = new ServerOrigin('plan-seed');

/** The Yjs client id a plan's empty sections are made under, the same in every process. */
function seedClientId(docName: string): number {
  return createHash('sha256').update(docName).digest().readUInt32BE(0) & 0x3fffffff;
}

/**
 * A plan document's sections are made by the server when it first loads it, in a scratch document
 * under a client id derived from the name, at clock 0: two processes doing it at once make the same
 * structs, which merge as one (as item-seed.ts does for meeting items). Applied again after that,
 * the seed is already known and changes nothing.
 */
export function seedPlan(doc: Y.Doc, name: string, kind: PlanKind): void {
  if (validatePlanDoc(doc, kind).length === 0) return;
  const scratch = new Y.Doc({ guid: 'plan-seed' });
  scratch.clientID = seedClientId(name);
  fillPlanDoc(scratch, kind);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), SEED);
  scratch.destroy();
}

/** The seed as a lifecycle step: once the stored state is in, before anyone syncs. */
export const planSeedExtension: DocExtension = {
  onLoad: async ({ name, parsed, shared }) => () => {
    if (parsed.kind === 'plan' || parsed.kind === 'plan-private') seedPlan(shared.doc, name, parsed.kind);
  },
};
