import type { Logger } from 'pino';

let logger: Logger | undefined;
let level = process.env.XBORDER_LOG_LEVEL ?? 'warn';

export const setLogLevel = (l: string): void => { level = l; logger = undefined; };

/**
 * pino, JSON to stderr (fd 2): stdout carries only the report. Created on first use so a quiet run does not pay
 * for it. Log only ids, counts, rule ids and verdicts: never names, descriptions or other manifest text.
 */
export async function log(): Promise<Logger> {
  if (logger) return logger;
  const { pino } = await import('pino');
  logger = pino({ name: 'xborder', level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
  return logger;
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * Whether a message at `at` would be written, without loading pino: a clean run at the default level
 * (warn) then never imports it (~13 ms of a cold start).
 */
export const logEnabled = (at: keyof typeof LEVELS): boolean => (LEVELS[at] ?? 0) >= (LEVELS[level] ?? 40);
