import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

// A cycle of imports, type imports included, means two modules each need the other: neither can be
// understood, tested or replaced alone. Prisma's generated client is not ours to arrange.
it('the server, shared and client modules import one another without a cycle', { timeout: 60_000 }, async () => {
  const tree = await parseDependencyTree(['server/**/*.ts', 'shared/**/*.ts', 'client/src/**/*.{ts,tsx}'], {
    context: root, cwd: root, transform: false, exclude: /node_modules|server\/db\/generated/,
  });
  expect(Object.keys(tree).length).toBeGreaterThan(100);
  expect(parseCircular(tree)).toEqual([]);
});
