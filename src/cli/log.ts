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
