import { createHash } from 'node:crypto';
import { ipKeyGenerator } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';

/**
 * Failed sign-ins from one address, over every account, in an hour: stops one machine spraying a
 * common password over many accounts. An office behind one NAT shares this budget, so it is far
 * above what a building of people mistyping would use.
 */
export const FAILURES_PER_ADDRESS = { points: 100, duration: 60 * 60 };
/**
 * Consecutive failed sign-ins to one account from one address. Keyed by both, so no one can lock
 * an account's owner out by failing from elsewhere; a success starts the count again.
 */
export const FAILURES_PER_ACCOUNT_AND_ADDRESS = { points: 10, duration: 15 * 60 };

export type ThrottleCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Sign-in throttling after rate-limiter-flexible's login-protection pattern: read both counts
 * before the (deliberately slow) password check, refuse without checking when either is used
 * up — so a right guess looks the same as a wrong one — and count a failure against both. With
 * Redis the counts are shared by every process; a Redis outage falls back to this process's memory.
 */
export class LoginThrottle {
  private constructor(
    private readonly perAddress: RateLimiterAbstract,
    private readonly perAccount: RateLimiterAbstract,
    private readonly redis: Redis | undefined,
  ) {}

  static async open(redisUrl: string | undefined, log: Logger): Promise<LoginThrottle> {
    if (!redisUrl) {
      return new LoginThrottle(new RateLimiterMemory(FAILURES_PER_ADDRESS), new RateLimiterMemory(FAILURES_PER_ACCOUNT_AND_ADDRESS), undefined);
    }
    // No offline queue: while Redis is away a count fails at once and the memory fallback answers.
    const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', (err: Error) => log.warn({ err: err.message }, 'sign-in throttle redis error'));
    await redis.connect();
    const limiter = (opts: { points: number; duration: number }, keyPrefix: string) =>
      new RateLimiterRedis({ ...opts, storeClient: redis, keyPrefix, insuranceLimiter: new RateLimiterMemory(opts) });
    return new LoginThrottle(limiter(FAILURES_PER_ADDRESS, 'samroom:login-fail:address'), limiter(FAILURES_PER_ACCOUNT_AND_ADDRESS, 'samroom:login-fail:account'), redis);
  }

  /** Whether this address may try this account now. */
  async check(ip: string, email: string): Promise<ThrottleCheck> {
    const [address, account] = await Promise.all([this.perAddress.get(addressKey(ip)), this.perAccount.get(accountKey(ip, email))]);
    const spent = [usedUp(address, FAILURES_PER_ADDRESS.points), usedUp(account, FAILURES_PER_ACCOUNT_AND_ADDRESS.points)]
      .filter((r): r is RateLimiterRes => r !== null);
    if (spent.length === 0) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, ...spent.map((r) => Math.ceil(r.msBeforeNext / 1000))) };
  }

  async failed(ip: string, email: string): Promise<void> {
    // A rejection only says a count went over its limit; the next check refuses.
    await Promise.all([
      this.perAddress.consume(addressKey(ip)).catch(rethrowErrors),
      this.perAccount.consume(accountKey(ip, email)).catch(rethrowErrors),
    ]);
  }

  async succeeded(ip: string, email: string): Promise<void> {
    await this.perAccount.delete(accountKey(ip, email));
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

function usedUp(res: RateLimiterRes | null, points: number): RateLimiterRes | null {
  return res !== null && res.consumedPoints >= points ? res : null;
}

function rethrowErrors(reason: unknown): void {
  if (reason instanceof Error) throw reason;
}

// IPv6 clients are counted by /56 network: one machine usually has a whole range of addresses.
const addressKey = (ip: string) => ipKeyGenerator(ip);
// Hashed, so the store (Redis) holds no email addresses.
const accountKey = (ip: string, email: string) =>
  `${ipKeyGenerator(ip)}|${createHash('sha256').update(email.toLowerCase()).digest('base64url')}`;
