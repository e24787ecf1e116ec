import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { migrationList, openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration in prisma/migrations the database lacks; returns their names. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapter);
  try {
    const result = await engine.applyMigrations({ migrationsList: await migrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
