import type { Logger as PinoLogger } from 'pino';
import { DefaultLogger, type LogLevel } from '@temporalio/worker';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Temporal's own logs, through the same JSON logger as the rest of the worker. */
export function temporalLogger(logger: PinoLogger, level: LogLevel = 'INFO'): DefaultLogger {
  return new DefaultLogger(level, (entry) => {
    logger[LEVELS[entry.level]]({ ...entry.meta, temporal: true }, entry.message);
  });
}
