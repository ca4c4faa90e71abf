/**
 * Parsers of option values that the commands of every front end share (the CLI's own, the service's `serve`, the
 * console's `report`), so a repeated flag or a date means one thing on each. A bad value throws commander's
 * InvalidArgumentError, which commander reports as a usage error (exit 2).
 */
import { InvalidArgumentError } from 'commander';
import { CHECKABLE_DATE, isCheckableDate } from '../util/dates.js';

/** A repeatable option (`--pack a --pack b`): each use adds its value. */
export const collect = (v: string, prev: string[]): string[] => [...prev, v];

/**
 * --as-of: a real calendar date, no later than a transfer date may be (LATEST_DAY: 9999-12-31 passed on today's
 * rules); anything else is a usage error (exit 2) before any pack is loaded.
 */
export const isoDate = (v: string): string => {
  if (!isCheckableDate(v)) throw new InvalidArgumentError(`must be ${CHECKABLE_DATE.en}`);
  return v;
};
