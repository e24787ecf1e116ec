import { generate } from 'otplib';
import type { TotpEnrolment } from '../../shared/api/second-factor.js';

// The test people's authenticator app. Administrators must have a second factor while local
// sign-in is on, so the sign-in helpers enrol one the first time, as the person would, and answer
// the code from then on. A code is accepted once, so each sign-in uses a later time step.

const PERIOD = 30;
const apps = new Map<string, { secret: string; lastStep: number }>();
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** One JSON POST through whichever client the test drives (fetch with a cookie jar, Playwright's request). */
export type Post = (path: string, body?: unknown) => Promise<{ status: number; json(): Promise<unknown> }>;

/** The code for a step; the server accepts the step before and after now too. */
export const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * PERIOD });

/** Enrols an authenticator for the signed-in person and remembers it under `key`. */
export async function enrolAuthenticator(post: Post, key: string): Promise<string> {
  const enrol = await post('/api/auth/second-factor/enrol');
  if (enrol.status !== 200) throw new Error(`enrolling ${key}'s authenticator: ${enrol.status}`);
  const { secret } = (await enrol.json()) as TotpEnrolment;
  const step = currentStep();
  const confirmed = await post('/api/auth/second-factor/confirm', { code: await codeAt(secret, step) });
  if (confirmed.status !== 204) throw new Error(`confirming ${key}'s authenticator: ${confirmed.status}`);
  apps.set(key, { secret, lastStep: step });
  return secret;
}

/** A fresh code for an enrolled person, waiting for the clock when the next unused step is not yet accepted. */
export async function nextCode(key: string): Promise<string | undefined> {
  const app = apps.get(key);
  if (!app) return undefined;
  while (app.lastStep + 1 > currentStep() + 1) await new Promise((r) => setTimeout(r, 200));
  const step = Math.max(currentStep() - 1, app.lastStep + 1);
  app.lastStep = step;
  return codeAt(app.secret, step);
}

/**
 * Signs in with a password, then does what the person would for the second factor: answers the
 * code when asked, or enrols when the account must have one. Returns the sign-in's response.
 */
export async function signInWithSecondFactor(post: Post, key: string, credentials: { email: string; password: string }) {
  let res = await post('/api/auth/login', credentials);
  if (res.status === 401) {
    const code = await nextCode(key);
    if (code) res = await post('/api/auth/login', { ...credentials, code });
  }
  if (res.status === 200) {
    const me = (await res.json()) as { secondFactor: string };
    if (me.secondFactor === 'required') await enrolAuthenticator(post, key);
  }
  return res;
}
