import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

// Every measured server and load generator used to start under tsx, whose loader hooks cost about
// as much CPU again as loading the modules themselves (a SAM Room start: ~5.5 s of CPU under tsx,
// ~2.6 s compiled, on this machine under load), and a quick run starts more than a dozen such
// processes. The bench compiles the TypeScript once per run with esbuild (what tsx runs too) into a
// mirror of the project: compiled .js beside a link to each source file, every other entry linked,
// so paths read relative to a module (config/, prisma/, dist/, the database's worker, which still
// loads its .ts through tsx in its thread) resolve as they do in the source tree.

const projectRoot = path.resolve(import.meta.dirname, '..');
const COMPILED = ['server', 'shared', 'bench', 'tests/support', 'tests/fixtures'];
const COMPILED_FILES = ['playwright.config.ts'];
const esbuild = path.join(projectRoot, 'node_modules/.bin/esbuild');

let compiledRoot: string | null = null;

const under = (rel: string, root: string) => rel === root || rel.startsWith(`${root}/`);
const compiled = (rel: string) => COMPILED.some((root) => under(rel, root)) || COMPILED_FILES.includes(rel);
/** A directory to mirror entry by entry: one compiled, or one holding a compiled one. */
const descend = (rel: string) => COMPILED.some((root) => under(rel, root) || root.startsWith(`${rel}/`));

/** Links every entry of `from` into `to`, descending where sources are compiled; those sources. */
async function mirror(from: string, to: string): Promise<string[]> {
  await mkdir(to, { recursive: true });
  const sources: string[] = [];
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const rel = path.relative(projectRoot, path.join(from, entry.name));
    if (entry.isDirectory() && descend(rel)) {
      sources.push(...(await mirror(path.join(from, entry.name), path.join(to, entry.name))));
      continue;
    }
    await symlink(path.join(from, entry.name), path.join(to, entry.name));
    if (compiled(rel) && entry.isFile() && /(?<!\.d|\.test)\.ts$/.test(entry.name)) sources.push(rel);
  }
  return sources;
}

/** Entries made while the bench runs (the client is built as the database is prepared): linked even before they exist. */
const MADE_LATER = ['dist'];

/** Compiles the bench's processes into `dir`; from then on they start from there. */
export async function precompile(dir: string): Promise<void> {
  const sources = await mirror(projectRoot, dir);
  const linked = new Set(await readdir(dir));
  for (const entry of MADE_LATER.filter((e) => !linked.has(e))) await symlink(path.join(projectRoot, entry), path.join(dir, entry));
  // Each .ts becomes a .js beside its link, so `./x.js` imports find the compiled file. Names are
  // kept as tsx keeps them (a `__name` call per closure made), so the code measured is what `npm start` runs.
  await promisify(execFile)(esbuild, [
    ...sources, `--outdir=${dir}`, `--outbase=${projectRoot}`, '--format=esm', '--platform=node', '--target=node20', '--keep-names', '--log-level=error',
  ], { cwd: projectRoot, maxBuffer: 16 * 2 ** 20 });
  compiledRoot = dir;
}

/**
 * Node's arguments to run one of the project's TypeScript files (relative to the project) with
 * others preloaded: compiled once precompile() has run, else through tsx.
 */
export function nodeArgs(entry: string, preloads: string[] = []): string[] {
  const file = (source: string) => (compiledRoot ? path.join(compiledRoot, source.replace(/\.ts$/, '.js')) : path.join(projectRoot, source));
  return [...(compiledRoot ? [] : ['--import', 'tsx']), ...preloads.flatMap((p) => ['--import', pathToFileURL(file(p)).href]), file(entry)];
}
