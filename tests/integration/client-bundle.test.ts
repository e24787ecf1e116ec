import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientIsStale, projectRoot, viteBin } from '../support/client-build.js';

// The sign-in and meeting-list pages are what everyone downloads first, often on an agency's
// slow network: their script stays under 200 kB compressed, and the room, admin and charts load
// only when visited.

const LIMIT_BYTES = 200 * 1024;
const clientDir = path.join(projectRoot, 'dist/client');

const manifestSchema = z.record(z.string(), z.object({
  file: z.string(),
  isEntry: z.boolean().optional(),
  isDynamicEntry: z.boolean().optional(),
  imports: z.array(z.string()).optional(),
}));
type Manifest = z.infer<typeof manifestSchema>;

/** The chunks loading `key` fetches before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

function gzipBytes(manifest: Manifest, keys: Iterable<string>): number {
  let total = 0;
  for (const key of keys) total += gzipSync(readFileSync(path.join(clientDir, manifest[key]!.file))).length;
  return total;
}

describe('the client build', () => {
  let manifest: Manifest;
  beforeAll(() => {
    if (clientIsStale()) execFileSync(viteBin, ['build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(clientDir, '.vite/manifest.json'), 'utf8')));
  }, 180_000);

  const entryKey = () => Object.entries(manifest).find(([, c]) => c.isEntry)![0];

  it('signs in with under 200 kB of script, without the meeting room', () => {
    const signIn = staticClosure(manifest, entryKey());
    expect([...signIn].some((k) => k.includes('MeetingRoomPage'))).toBe(false);
    const bytes = gzipBytes(manifest, signIn);
    console.info(`sign-in page: ${(bytes / 1024).toFixed(1)} kB of script (gzip)`);
    expect(bytes).toBeLessThan(LIMIT_BYTES);
  });

  it('lists meetings with under 200 kB of script', () => {
    const page = 'src/meetings/MeetingListPage.tsx';
    expect(manifest[page]?.isDynamicEntry).toBe(true);
    const chunks = staticClosure(manifest, page, staticClosure(manifest, entryKey()));
    const bytes = gzipBytes(manifest, chunks);
    console.info(`meeting list: ${(bytes / 1024).toFixed(1)} kB of script (gzip)`);
    expect(bytes).toBeLessThan(LIMIT_BYTES);
  });

  it('loads the meeting room and the reports as chunks of their own', () => {
    expect(manifest['src/meetings/MeetingRoomPage.tsx']?.isDynamicEntry).toBe(true);
    expect(manifest['src/reports/ReportsPage.tsx']?.isDynamicEntry).toBe(true);
  });
});
