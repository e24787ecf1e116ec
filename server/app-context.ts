import type { LiveAccess } from './access/live-access.js';
import type { AuditLog } from './audit/audit-log.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { SessionStore } from './auth/sessions.js';
import type { Bus } from './bus/bus.js';
import type { ContentPlane } from './collab/content-plane.js';
import type { Config } from './config.js';
import type { DbKind } from './db/adapter.js';
import type { Db } from './db/client.js';
import type { Sql } from './db/sql.js';
import type { Logger } from './logger.js';
import type { RetentionRules } from './retention/retention-rules.js';
import type { MeetingControl } from './signal/meeting-control.js';

/** The long-lived parts every handler may use, built once in server.ts. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DbKind;
  /** Plain SQL on the same database, for the document store (db/sql.ts). */
  sql: Sql;
  /** A consistent copy of the embedded database (backup/); null on a PostgreSQL server. */
  dumpDatabase: (() => Promise<Buffer>) | null;
  /** The retention schedule (RETENTION_RULES_FILE or the defaults). */
  retention: RetentionRules;
  log: Logger;
  sessions: SessionStore;
  /** Failed sign-in counts, shared through Redis when there is one. */
  loginThrottle: LoginThrottle;
  audit: AuditLog;
  /** Live connections by the access they were opened with; ending access closes them everywhere. */
  access: LiveAccess;
  bus: Bus;
  /** The Yjs documents this process holds (content plane). */
  docs: ContentPlane;
  /** The socket.io meeting control plane, as the rest of the server uses it. */
  control: MeetingControl;
}
