import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { formatDocName } from '../../../shared/meeting-doc/index.js';
import { planRoot, type PlanKind } from '../../../shared/plan-doc/index.js';
import { collabUrl } from '../room/sync/collabConnection.js';

// A family's plan document (`plan:<caseId>` or `plan-private:<caseId>`), opened live over
// y-websocket. No copy is kept on the device: the plan is the family's record, read where it is.

export interface PlanDoc {
  doc: Y.Doc;
  synced: boolean;
  /** Bumped on every change, so what reads the document renders again. */
  revision: number;
}

export function usePlanDoc(caseId: string, kind: PlanKind, enabled: boolean): PlanDoc | null {
  const [state, setState] = useState<PlanDoc | null>(null);

  useEffect(() => {
    setState(null);
    if (!enabled) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabUrl(), formatDocName({ kind, caseId }), doc, { disableBc: true, maxBackoffTime: 4000 });
    let synced = false;
    let revision = 0;
    const publish = () => setState({ doc, synced, revision: ++revision });
    provider.on('sync', (isSynced: boolean) => {
      synced = isSynced;
      publish();
    });
    const root = planRoot(doc, kind);
    root.observeDeep(publish);
    publish();
    return () => {
      root.unobserveDeep(publish);
      provider.destroy();
      doc.destroy();
    };
  }, [caseId, kind, enabled]);

  return state;
}
