import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../shared/api/admin.js';
import type { Me } from '../../shared/api/auth.js';
import type { TotpEnrolment } from '../../shared/api/second-factor.js';
import { codeAt } from '../support/authenticator.js';
import { Browserish, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

// The TOTP second factor against a real server: enrolment confirmed by a first code, sign-in that
// asks for a code after the password, no code accepted twice, wrong codes throttled with the
// sign-in limits, administrators held at enrolment, and an administrator's reset. Codes come from
// otplib, as an authenticator app makes them.

const json = async <T,>(res: Response): Promise<T> => (await res.json()) as T;
const step = () => Math.floor(Date.now() / 30_000);
const errorCode = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;

describe('second factor (TOTP)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(() => server?.stop());

  const passwordOnly = (b: Browserish, email: string, code?: string) =>
    b.request('POST', '/api/auth/login', { email, password: DEMO_PASSWORD, ...(code && { code }) });

  async function enrol(b: Browserish): Promise<TotpEnrolment> {
    const res = await b.request('POST', '/api/auth/second-factor/enrol');
    expect(res.status).toBe(200);
    return json<TotpEnrolment>(res);
  }

  let healthSecret = '';
  let waikatoAdminSecret = '';

  it('a representative enrols an app with a first code; sign-in then asks for a code after the password, and takes each code once', async () => {
    const rep = new Browserish(server.url);
    expect((await passwordOnly(rep, 'health@demo.test')).status).toBe(200);
    expect((await json<Me>(await rep.request('GET', '/api/me'))).secondFactor).toBe('none');
    const enrolment = await enrol(rep);
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/SAM%20Room:health%40demo\.test\?.*secret=/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
    healthSecret = enrolment.secret;

    const wrong = await rep.request('POST', '/api/auth/second-factor/confirm', { code: await codeAt(healthSecret, step() - 10) });
    expect(wrong.status).toBe(400);
    expect(await json(wrong)).toMatchObject({ error: { details: { issues: [{ path: 'code' }] } } });
    const first = step();
    expect((await rep.request('POST', '/api/auth/second-factor/confirm', { code: await codeAt(healthSecret, first) })).status).toBe(204);
    expect((await json<Me>(await rep.request('GET', '/api/me'))).secondFactor).toBe('enrolled');
    expect((await rep.request('POST', '/api/auth/second-factor/enrol')).status).toBe(409);

    // Signing in again: the password alone makes no session.
    const later = new Browserish(server.url);
    const asked = await passwordOnly(later, 'health@demo.test');
    expect(asked.status).toBe(401);
    expect(await errorCode(asked)).toBe('SECOND_FACTOR_NEEDED');
    expect((await later.request('GET', '/api/me')).status).toBe(401);
    // The code that confirmed the enrolment was used: it does not sign in.
    expect(await errorCode(await passwordOnly(later, 'health@demo.test', await codeAt(healthSecret, first)))).toBe('INVALID_CODE');
    const code = await codeAt(healthSecret, first + 1);
    const signedIn = await passwordOnly(later, 'health@demo.test', code);
    expect(signedIn.status).toBe(200);
    expect((await json<Me>(signedIn)).secondFactor).toBe('enrolled');
    // Nor twice.
    expect(await errorCode(await passwordOnly(new Browserish(server.url), 'health@demo.test', code))).toBe('INVALID_CODE');
    const trail = await server.ctx.db.auditEvent.findMany({ where: { actorLabel: { contains: 'health@demo.test' }, action: 'auth.login_failed' } });
    expect(trail.map((e) => e.details)).toContainEqual({ reason: 'second factor' });
  });

  it('an administrator without a second factor can do nothing but enrol one', async () => {
    const admin = new Browserish(server.url);
    const res = await passwordOnly(admin, 'admin.waikato@demo.test');
    expect(res.status).toBe(200);
    expect((await json<Me>(res)).secondFactor).toBe('required');
    for (const path of ['/api/admin/users', '/api/admin/sites', '/api/meetings']) {
      const refused = await admin.request('GET', path);
      expect(refused.status, path).toBe(403);
      expect(await errorCode(refused)).toBe('SECOND_FACTOR_REQUIRED');
    }
    const { secret } = await enrol(admin);
    waikatoAdminSecret = secret;
    expect((await admin.request('POST', '/api/auth/second-factor/confirm', { code: await codeAt(secret, step()) })).status).toBe(204);
    expect((await admin.request('GET', '/api/admin/users')).status).toBe(200);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'user.second_factor_enrol', actorLabel: { contains: 'SITE_ADMIN' } } })).toBe(1);
  });

  it('an administrator resets a lost factor (audited): the person signs in with the password and may enrol again', async () => {
    const admin = new Browserish(server.url);
    expect((await admin.login('admin@demo.test')).status).toBe(200);
    const users = await json<AdminUser[]>(await admin.request('GET', '/api/admin/users'));
    const health = users.find((u) => u.email === 'health@demo.test')!;
    expect(health.secondFactor).toBe(true);
    const reset = await admin.request('POST', `/api/admin/users/${health.id}/second-factor/reset`);
    expect(reset.status).toBe(200);
    expect((await json<AdminUser>(reset)).secondFactor).toBe(false);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'user.second_factor_reset', subjectId: health.id } })).toBe(1);
    const rep = new Browserish(server.url);
    expect((await passwordOnly(rep, 'health@demo.test')).status).toBe(200);
    // Another site's administrator cannot reach them.
    const waikato = new Browserish(server.url);
    expect((await passwordOnly(waikato, 'admin.waikato@demo.test', await codeAt(waikatoAdminSecret, step() + 1))).status).toBe(200);
    expect((await waikato.request('POST', `/api/admin/users/${health.id}/second-factor/reset`)).status).toBe(404);
  });

  it('wrong codes count against the sign-in limits, so guessing stops', async () => {
    const rep = new Browserish(server.url);
    expect((await passwordOnly(rep, 'police@demo.test')).status).toBe(200);
    const { secret } = await enrol(rep);
    expect((await rep.request('POST', '/api/auth/second-factor/confirm', { code: await codeAt(secret, step()) })).status).toBe(204);
    const guesser = new Browserish(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await passwordOnly(guesser, 'police@demo.test', String(100000 + i))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Now even the right code waits.
    expect((await passwordOnly(guesser, 'police@demo.test', await codeAt(secret, step() + 1))).status).toBe(429);
  });
});
