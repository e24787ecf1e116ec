import { PrismaClient } from './generated/client.js';
import type { DbTarget } from './adapter.js';

export type Db = PrismaClient;
export { Prisma } from './generated/client.js';

export function createPrismaClient(target: DbTarget): Db {
  return new PrismaClient({ adapter: target.adapter });
}
