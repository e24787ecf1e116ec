import { pino, type DestinationStream, type Logger } from 'pino';
import { serializeError } from './log-privacy.js';

export type { Logger };

/** The server's logger; stdout unless a destination is given (tests read what it wrote). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'sam-room' },
    // Session cookies and passwords never reach the logs.
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'password', '*.password'],
    // Nor the values of a database query that failed (names, dates of birth).
    serializers: { err: serializeError },
  }, destination);
}
