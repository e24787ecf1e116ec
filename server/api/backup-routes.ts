import type { AppContext } from '../app-context.js';
import { verifyBackupToken } from '../backup/backup-token.js';
import { conflict, unauthenticated } from '../domain/domain-error.js';
import { sha256Of } from '../exports/minutes-versions.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { sendFile } from '../http/send-file.js';

export const BACKUP_TOKEN_HEADER = 'x-backup-token';

// `npm run backup` asks the running server for a copy of its embedded database: PGlite lives in
// the server's process, so only the server can copy it while it runs.
export function backupRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/backup', tag: 'backup', access: 'public',
      summary: `A consistent copy of the embedded database (gzipped tar) for \`npm run backup\`, which proves it shares the server's DATA_DIR with the ${BACKUP_TOKEN_HEADER} header; PostgreSQL deployments use pg_dump`,
      produces: ['application/gzip'], errors: { 409: 'The database is a PostgreSQL server: use pg_dump' },
      handler: async ({ req, res }) => {
        if (!verifyBackupToken(ctx.config.SESSION_SECRET, req.get(BACKUP_TOKEN_HEADER))) {
          await ctx.audit.record({ actorLabel: `backup request from ${req.ip ?? 'unknown'}`, action: 'backup.refused', subjectType: 'Database' });
          throw unauthenticated();
        }
        if (!ctx.dumpDatabase) throw conflict('USE_PG_DUMP', 'This server uses a PostgreSQL server: back it up with pg_dump (see the README).');
        const body = await ctx.dumpDatabase();
        await ctx.audit.record({ actorLabel: 'npm run backup', action: 'backup.made', subjectType: 'Database', details: { bytes: body.length, sha256: sha256Of(body) } });
        sendFile(res, 'application/gzip', `sam-room-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`, body);
        return undefined;
      },
    }),
  ];
}
