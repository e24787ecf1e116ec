import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { signInWithSecondFactor, type Post } from './authenticator.js';
import { createTestDatabase } from './db.js';

export const DEMO_PASSWORD = 'correct-horse-kōwhai-42';

export interface TestServer extends RunningServer {
  stop(): Promise<void>;
}

/** A real server on a free port with its own fresh, seeded database (and a silent logger unless given one). */
export async function startTestServer(env: Record<string, string> = {}, log?: Logger): Promise<TestServer> {
  const testDb = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-test-'));
  const config = await loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_PASSWORD,
    ...(testDb.url && { DATABASE_URL: testDb.url }),
    ...env,
  });
  const server = await startServer(config, log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  return {
    ...server,
    stop: async () => {
      await server.close();
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch against the test server that keeps a cookie jar, like one browser. */
export class Browserish {
  private cookie = '';
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(method !== 'GET' && { 'x-requested-with': 'samroom' }),
        ...(this.cookie && { cookie: this.cookie }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const pair = c.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  get sessionCookie(): string {
    return this.cookie;
  }

  /** Signs in as a person would, second factor included (see authenticator.ts); the sign-in's response. */
  async login(email: string, password = DEMO_PASSWORD): Promise<Response> {
    let signIn: Response | undefined;
    const post: Post = async (path, body) => {
      const res = await this.request('POST', path, body);
      if (path === '/api/auth/login') signIn = res.clone();
      return res;
    };
    await signInWithSecondFactor(post, `${this.base}|${email.toLowerCase()}`, { email, password });
    return signIn!;
  }

  /** The demo day's daily meeting still in preparation, as this person's meeting list shows it. */
  async prepMeetingId(): Promise<string> {
    const meetings = (await (await this.request('GET', '/api/meetings')).json()) as Array<{ id: string; status: string; kind: string }>;
    const meeting = meetings.find((m) => m.status === 'PREP' && m.kind === 'DAILY_SAM');
    if (!meeting) throw new Error('the demo data has no daily meeting in preparation');
    return meeting.id;
  }

  /** Acknowledges a meeting's confidentiality statement, which staff do before its content opens to them. */
  async acknowledge(meetingId: string): Promise<void> {
    const res = await this.request('POST', `/api/meetings/${meetingId}/confidentiality`, { acknowledged: true });
    if (!res.ok) throw new Error(`acknowledging the statement for ${meetingId}: ${res.status} ${await res.text()}`);
  }
}
