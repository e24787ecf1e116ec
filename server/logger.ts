import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'sam-room' },
    // Session cookies and passwords never reach the logs.
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'password', '*.password'],
  });
}
