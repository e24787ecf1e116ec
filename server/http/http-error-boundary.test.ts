import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const server = fileURLToPath(new URL('..', import.meta.url));

// Domain code refuses with DomainError, which each transport maps (HTTP statuses, acks); an
// HttpError outside the HTTP layer would answer the socket planes with a 500.
it('HttpError is used only inside server/http', async () => {
  const files = (await readdir(server, { recursive: true }))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('http/') && !f.startsWith('db/generated/'));
  const users: string[] = [];
  for (const file of files) if ((await readFile(join(server, file), 'utf8')).includes('HttpError')) users.push(relative(server, join(server, file)));
  expect(files.length).toBeGreaterThan(50);
  expect(users).toEqual([]);
});
