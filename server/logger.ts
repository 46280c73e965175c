/**
 * Where the server writes its lines: pino (JSON, one object a line, written off the request path)
 * in main.ts, an array in tests. Callers pass a readable line and, when they have them, fields:
 * the request's id (`reqId`) and a level (default info).
 */
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export interface LogFields {
  level?: LogLevel;
  reqId?: string;
  [field: string]: unknown;
}

export type Logger = (line: string, fields?: LogFields) => void;

/** A Logger over pino at `level` ("silent": nothing), writing to stdout or `destination`. */
export function pinoLogger(
  level: (typeof logLevels)[number],
  destination: pino.DestinationStream = pino.destination({ sync: false }),
): Logger {
  const logger = pino({ level, base: null }, destination);
  return (line, fields) => {
    const { level: at = 'info', ...rest } = fields ?? {};
    logger[at](rest, line);
  };
}
