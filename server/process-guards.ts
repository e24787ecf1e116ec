import type { Logger } from './logger.js';

/**
 * The last line of defence, through the logger so the lines reach wherever the logs go. A promise
 * nobody awaited that rejects is a bug to fix, but not a reason to drop every meeting on this
 * process: it is logged and the process goes on. An uncaught exception leaves the process in a
 * state nobody can reason about: it is logged and the process exits non-zero, for its supervisor
 * to restart it (clients reconnect and resend what the store lacks).
 */
export function installProcessGuards(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('unhandledRejection', (reason: unknown) => {
    log.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err: Error) => {
    log.fatal({ err }, 'uncaught exception: exiting');
    log.flush();
    exit(1);
  });
}
