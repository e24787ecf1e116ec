import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The start-up warm-up builds a meeting document from the latest meeting's records so the first
// person to open one does not pay for compiling it; it must leave nothing behind: no document
// loaded, nothing in the document store, nobody's open audited.

describe('warming the document paths at start', () => {
  let server: TestServer;
  const lines: { msg?: string; items?: number }[] = [];

  beforeAll(async () => {
    const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as { msg?: string; items?: number }) });
    server = await startTestServer({}, log);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("builds the latest meeting's items before the server takes requests", () => {
    const warmed = lines.find((l) => l.msg === 'document paths warmed');
    expect(warmed?.items).toBeGreaterThan(0);
  });

  it('stores nothing and leaves no document loaded', async () => {
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count()).toBe(0);
    expect(await server.ctx.db.docSnapshot.count()).toBe(0);
    expect((await server.ctx.docs.stats()).documents).toBe(0);
  });
});
