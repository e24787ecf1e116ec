import { readFile } from 'node:fs/promises';
import semver from 'semver';
import { expect, it } from 'vitest';
import { z } from 'zod';

const Lock = z.object({
  packages: z.record(z.string(), z.object({ engines: z.object({ node: z.string().optional() }).loose().optional() }).loose()),
});

// `npm ci` on the oldest Node the README supports must print no EBADENGINE: every package the lock
// file installs accepts it (a package only `prisma dev` needs is stubbed out; README, Dependencies).
it('every package in the lock file accepts the oldest supported Node', async () => {
  const pkg = z.object({ engines: z.object({ node: z.string() }) }).parse(JSON.parse(await readFile('package.json', 'utf8')));
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const lock = Lock.parse(JSON.parse(await readFile('package-lock.json', 'utf8')));
  const refusing = Object.entries(lock.packages)
    .filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node))
    .map(([path, p]) => `${path} wants node ${p.engines!.node}`);
  expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
  expect(refusing).toEqual([]);
});
