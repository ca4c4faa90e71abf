/** Calendar arithmetic on ISO dates, as whole days since 1970-01-01 (UTC): no time zones, no clocks. */

export const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
/** Today's date in UTC (YYYY-MM-DD): for signature expiry and key validity, never for a transfer's date. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
/**
 * Today in China (UTC+8), where waivers are approved: the date their expiry is judged on; XBORDER_TODAY pins it.
 * China keeps UTC+8 all year (no daylight saving since 1991), so no time-zone database is needed (ICU's first use
 * costs a cold start ~20 ms).
 */
export const todayInChina = (env: Readonly<Record<string, string | undefined>>): string =>
  env.XBORDER_TODAY && isIsoDate(env.XBORDER_TODAY) ? env.XBORDER_TODAY : new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const fromDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(toDay(s)) && fromDay(toDay(s)) === s;

export const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/**
 * The last day of a term of `years` years starting on `iso` (Civil Code Arts 201-203: counting starts the next
 * day and ends on the corresponding day; a missing corresponding day, 29 Feb, becomes the month's last day).
 */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface WorkCalendar {
  /** Public holidays that fall on weekdays (ISO dates). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days by adjustment (调休). */
  workdays: ReadonlySet<string>;
  /** Years whose schedule the two sets hold in full; in any other year a weekend day may be a working day. */
  years: ReadonlySet<number>;
}

const isWorkingDay = (day: number, cal: WorkCalendar): boolean => {
  const iso = fromDay(day);
  if (cal.workdays.has(iso)) return true;
  const weekday = new Date(day * 86_400_000).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(iso);
};

/** The `n`th working day after `iso` (the day itself does not count). */
export function addWorkingDays(iso: string, n: number, cal: WorkCalendar): string {
  return nth(iso, n, (day) => isWorkingDay(day, cal));
}

/** The earliest the `n`th working day after `iso` can be: every day of a year whose schedule is not held counts. */
export function earliestWorkingDay(iso: string, n: number, cal: WorkCalendar): string {
  return nth(iso, n, (day) => mayBeWorkingDay(day, cal));
}

const mayBeWorkingDay = (day: number, cal: WorkCalendar): boolean => !cal.years.has(yearOf(fromDay(day))) || isWorkingDay(day, cal);

function nth(iso: string, n: number, counts: (day: number) => boolean): string {
  let day = toDay(iso);
  for (let left = n; left > 0; ) {
    day += 1;
    if (counts(day)) left -= 1;
  }
  return fromDay(day);
}

/**
 * Which working day after `from` the day `to` is: 1 for the first working day after `from` (the day itself does
 * not count, as in addWorkingDays). A day that is not a working day counts as the next one, since a period of
 * n working days has run out on it once the nth has passed; 0 when `to` is `from` or earlier.
 */
export function workingDayOrdinal(from: string, to: string, cal: WorkCalendar): number {
  return ordinal(from, to, (day) => isWorkingDay(day, cal));
}

/**
 * The latest working day `to` can be after `from`: as workingDayOrdinal, but every day of a year whose schedule
 * the calendar does not hold counts, since any weekend day there may have been made a working day. Equal to
 * workingDayOrdinal when the calendar covers the whole period.
 */
export function latestWorkingDayOrdinal(from: string, to: string, cal: WorkCalendar): number {
  return ordinal(from, to, (day) => mayBeWorkingDay(day, cal));
}

function ordinal(from: string, to: string, counts: (day: number) => boolean): number {
  const end = toDay(to);
  let n = 0;
  for (let day = toDay(from) + 1; day < end; day += 1) if (counts(day)) n += 1;
  return end > toDay(from) ? n + 1 : 0;
}
