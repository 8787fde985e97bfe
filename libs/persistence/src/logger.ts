import pino, { type Logger } from 'pino';

/** JSON lines on stdout, one logger per component; LOG_LEVEL picks the level (default info). */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info' });
}
