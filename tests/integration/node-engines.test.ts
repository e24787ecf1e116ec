import { readFile } from 'node:fs/promises';
import semver from 'semver';
import { expect, it } from 'vitest';
import { z } from 'zod';

const Lock = z.object({
  packages: z.record(z.string(), z.object({ engines: z.object({ node: z.string().optional() }).loose().optional() }).loose()),
});

// `npm ci` on the oldest Node the README supports must print no EBADENGINE: every package the lock
// file installs accepts it (a package only `prisma dev` needs is stubbed out; README, Dependencies).
// The one exception is Hocuspocus, the bench's peer (devDependencies, loaded only by `npm run bench`):
// its server asks for Node 22 but runs on Node 20, and the bench must measure the real thing.
const BENCH_ONLY = new Set(['node_modules/@hocuspocus/server']);

it('every package in the lock file accepts the oldest supported Node', async () => {
  const pkg = z.object({ engines: z.object({ node: z.string() }) }).parse(JSON.parse(await readFile('package.json', 'utf8')));
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const lock = Lock.parse(JSON.parse(await readFile('package-lock.json', 'utf8')));
  const refusing = Object.entries(lock.packages)
    .filter(([path, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node) && !BENCH_ONLY.has(path))
    .map(([path, p]) => `${path} wants node ${p.engines!.node}`);
  expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
  expect(refusing).toEqual([]);
});
