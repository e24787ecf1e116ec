import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { migrationList, openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The engine's connections, closed when it is done: Prisma holds a session-level advisory lock
 * while migrating, and a connection left open would keep every other process from starting.
 */
function closingFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  return { factory: wrapped, closeAll: () => Promise.all(opened.map((a) => a.dispose())) };
}

/** Applies every migration in prisma/migrations the database lacks; returns their names. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const { factory, closeAll } = closingFactory(adapter);
  const engine = await openSchemaEngine(factory);
  try {
    const result = await engine.applyMigrations({ migrationsList: await migrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
    await closeAll();
  }
}
