import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The server's own logger (its redaction and serializers), writing to memory instead of stdout.
describe('what the logs keep', () => {
  let server: TestServer;
  const lines: string[] = [];
  const logged = () => lines.join('');

  beforeAll(async () => {
    server = await startTestServer({}, createLogger('info', { write: (line: string) => void lines.push(line) }));
  });
  afterAll(() => server?.stop());

  it('logs a person search without the name, date of birth or police reference searched for', async () => {
    const person = await server.ctx.db.person.findFirstOrThrow({ where: { dob: { not: null }, policePersonRef: { not: null } } });
    const dob = person.dob!.toISOString().slice(0, 10);
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const query = new URLSearchParams({ q: person.familyName, dob, policeRef: person.policePersonRef! });
    expect((await chair.request('GET', `/api/people/search?${query}`)).status).toBe(200);

    // The request was logged (so this is not passing on an empty log), with the query's values gone.
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.req?.url?.startsWith('/api/people/search'));
    expect(request?.req.url).toBe('/api/people/search?q=[redacted]&dob=[redacted]&policeRef=[redacted]');
    for (const secret of [person.familyName, encodeURIComponent(person.familyName), dob, person.policePersonRef!]) {
      expect(logged()).not.toContain(secret);
    }
  });

  it('logs a database error without the values of the query that failed', async () => {
    const err = await server.ctx.db.person.findMany({ where: { givenName: 'Ngaio Secretname', familyName: 7 as unknown as string } }).catch((e: unknown) => e);
    expect(String(err)).toContain('Ngaio Secretname'); // Prisma's message carries the query
    server.ctx.log.error({ err }, 'unhandled error');
    const entry = JSON.parse(lines.at(-1)!);
    expect(entry.err.message).toMatch(/Invalid `.*findMany\(\)` invocation.*Argument `familyName`: Invalid value provided/s);
    expect(logged()).not.toContain('Secretname');
  });
});
