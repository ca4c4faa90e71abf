import type { Logger } from 'pino';
import type { LogPort } from '../app/io.js';

let logger: Logger | undefined;
let level = process.env.XBORDER_LOG_LEVEL ?? 'warn';

export const setLogLevel = (l: string): void => { level = l; logger = undefined; };

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * pino, JSON to stderr (fd 2): stdout carries only the report. Created on first use so a quiet run does not pay
 * for it (~13 ms of a cold start at the default level, warn).
 */
async function pino(): Promise<Logger> {
  if (logger) return logger;
  const { pino: create } = await import('pino');
  logger = create({ name: 'xborder', level, base: { pid: process.pid } }, create.destination({ fd: 2, sync: true }));
  return logger;
}

export const pinoLog: LogPort = {
  enabled: (at) => (LEVELS[at] ?? 0) >= (LEVELS[level] ?? 40),
  write: async (at, fields, message) => { (await pino())[at](fields, message); },
};
