import { planDocName, planPrivateDocName } from '../../shared/meeting-doc/index.js';
import type { ContentPlane } from '../collab/content-plane.js';
import type { Sql } from '../db/sql.js';
import { deleteStoredDoc } from './doc-store.js';

/**
 * Deletes an anonymised family's safety plan documents, shared and private: each is dropped from
 * every process holding it (its connections closed), its last queued writes are let through, and
 * then its snapshot and update log are deleted. Nothing of the plan is kept: it is free text about
 * the family, and its outcomes live in the decisions and actions. Returns how many were stored.
 */
export async function deletePlanDocs(sql: Sql, docs: ContentPlane, caseId: string): Promise<number> {
  let deleted = 0;
  for (const name of [planDocName(caseId), planPrivateDocName(caseId)]) {
    await docs.evict(name);
    await docs.persistence.flush();
    if (await deleteStoredDoc(sql, name)) deleted += 1;
  }
  return deleted;
}
