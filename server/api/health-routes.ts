import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const Health = z.object({
  ok: z.boolean(),
  db: z.enum(['pglite', 'postgres']),
  bus: z.enum(['memory', 'redis']),
  dbReachable: z.boolean(),
  busConnected: z.boolean(),
});

export function healthRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/health', tag: 'health', access: 'public',
      summary: 'Liveness: which database and bus, and whether they answer',
      response: Health,
      handler: async ({ res }) => {
        const dbReachable = await ctx.db.$queryRaw`SELECT 1`.then(() => true, () => false);
        const busConnected = ctx.bus.healthy();
        // A process without Redis keeps serving the meetings it holds, so only the database decides `ok`.
        if (!dbReachable) res.status(503);
        return { ok: dbReachable, db: ctx.dbKind, bus: ctx.bus.kind, dbReachable, busConnected };
      },
    }),
  ];
}
