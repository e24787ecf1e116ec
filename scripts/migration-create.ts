// Writes the next migration: the SQL that takes a database from prisma/migrations to prisma/schema.prisma.
// Usage: npm run migration:create -- <name>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { migrationList, migrationsDir, openSchemaEngine, schemaPath } from '../server/db/schema-engine.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run migration:create -- <name>');
  process.exit(2);
}

// The engine reads the connector from the lock file, so it must exist before the first diff.
await mkdir(migrationsDir, { recursive: true });
await writeFile(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');

// The engine replays existing migrations on a shadow database; an in-memory PGlite in this process
// serves (its adapter makes each shadow database a PGlite of its own, which the server's
// one-connection embedded database could not).
const pglite = await PGlite.create();
const engine = await openSchemaEngine(new PrismaPGlite(pglite));
try {
  const result = await engine.diff({
    from: { tag: 'migrations', ...(await migrationList()) },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log('schema.prisma matches the migrations: nothing to create.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  engine.free();
  await pglite.close();
}
