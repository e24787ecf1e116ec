import { defineConfig } from 'prisma/config';

// Used by `prisma generate` only; migrations run through server/db/migrate.ts (no native engine here).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
