/** Calendar arithmetic on ISO dates, as whole days since 1970-01-01 (UTC): no time zones, no clocks. */

export const toDay = (iso: string): number => civilDay(iso) ?? Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The day number of a well-formed YYYY-MM-DD date by arithmetic (days from civil, proleptic Gregorian), undefined
 * for anything else, which then goes to Date.parse: the same answers, without building and parsing a string for
 * each of the dates every check reads.
 */
function civilDay(iso: string): number | undefined {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d) return undefined;
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The number written by `n` ASCII digits from `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const daysInMonth = (y: number, m: number): number =>
  (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
/** Today's date in UTC (YYYY-MM-DD): for signature expiry and key validity, never for a transfer's date. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
/**
 * XBORDER_TODAY when it is set but is no date a check can be of (empty counts as unset), else undefined: todayInChina
 * would ignore it, and a clock nobody chose would decide; the CLI and the library refuse it instead. Past LATEST_DAY
 * too (9999-12-31, a placeholder): every safeguard dated before it would count as made, a contract to be filed next
 * year as filed (a pass).
 */
export const badPinnedToday = (env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const raw = env.XBORDER_TODAY;
  return raw !== undefined && raw !== '' && !isCheckableDate(raw) ? raw : undefined;
};
/**
 * Today in China (UTC+8), where waivers are approved: the date their expiry is judged on; XBORDER_TODAY pins it.
 * China keeps UTC+8 all year (no daylight saving since 1991), so no time-zone database is needed (ICU's first use
 * costs a cold start ~20 ms).
 */
export const todayInChina = (env: Readonly<Record<string, string | undefined>>): string =>
  env.XBORDER_TODAY && isCheckableDate(env.XBORDER_TODAY) ? env.XBORDER_TODAY : new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The ISO date (YYYY-MM-DD) of a day number: toDay's inverse (civil from days, after H. Hinnant's algorithms). */
export function fromDay(day: number): string {
  // Years 0-9999 by arithmetic (civil from days); Date for the rest, and for what is not a whole day number.
  if (!Number.isInteger(day) || day < -719_528 || day > 2_932_896) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(toDay(s)) && fromDay(toDay(s)) === s;

/**
 * The last day a check can be of: the packs' open-ended `effective` periods are today's rules, not knowledge of the
 * rules of 2101 or 9999, so a later transfer date or --as-of is a slip or a placeholder, and it passed on today's rules.
 */
export const LATEST_DAY = '2100-12-31';
/** A real date no later than LATEST_DAY: what a transfer date, or the date a check is as of, may be. */
export const isCheckableDate = (s: string): boolean => isIsoDate(s) && s <= LATEST_DAY;
/** What isCheckableDate accepts, as the messages that refuse a date say it. */
export const CHECKABLE_DATE = { en: `a real date YYYY-MM-DD, ${LATEST_DAY} or earlier`, zh: `真实存在的日期（YYYY-MM-DD），不晚于${LATEST_DAY}` } as const;

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

/** A calendar's days as day numbers: those written YYYY-MM-DD, as fromDay writes them (no other string ever matched one). */
interface DayCalendar {
  holidays: ReadonlySet<number>; workdays: ReadonlySet<number>; years: readonly (readonly [number, number])[];
  /** The most weekday holidays of a year the calendar holds: what a year it does not hold is taken to take at most. */
  mostHolidays: number;
}
const dayCalendars = new WeakMap<WorkCalendar, DayCalendar>();
function dayCalendar(cal: WorkCalendar): DayCalendar {
  let c = dayCalendars.get(cal);
  if (!c) {
    const days = (isos: ReadonlySet<string>): Set<number> => {
      const out = new Set<number>();
      for (const s of isos) { const day = civilDay(s); if (day !== undefined) out.add(day); }
      return out;
    };
    // Each year held as its first and last day number: a day's year is then found without writing its date.
    const years = [...cal.years].map((y) => [toDay(`${y}-01-01`), toDay(`${y}-12-31`)] as const);
    const holidays = days(cal.holidays);
    // No year held: nothing bounds a year's holidays, so no day of an unheld year is surely past a period.
    const perYear = years.map(([first, last]) => [...holidays].filter((d) => first <= d && d <= last).length);
    dayCalendars.set(cal, (c = { holidays, workdays: days(cal.workdays), years, mostHolidays: perYear.length ? Math.max(...perYear) : Infinity }));
  }
  return c;
}

const isWorkingDay = (day: number, cal: DayCalendar): boolean => {
  if (cal.workdays.has(day)) return true;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01, day 0, was a Thursday
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(day);
};

/** A day of a year whose schedule the calendar does not hold may be a working day, weekend or not (调休). */
const mayBeWorkingDay = (day: number, cal: DayCalendar): boolean => !cal.years.some(([first, last]) => first <= day && day <= last) || isWorkingDay(day, cal);

/** The `n`th working day after `iso` (the day itself does not count). */
export function addWorkingDays(iso: string, n: number, cal: WorkCalendar): string {
  return nth(iso, n, dayCalendar(cal), isWorkingDay);
}

/** The earliest the `n`th working day after `iso` can be: every day of a year whose schedule is not held counts. */
export function earliestWorkingDay(iso: string, n: number, cal: WorkCalendar): string {
  return nth(iso, n, dayCalendar(cal), mayBeWorkingDay);
}

function nth(iso: string, n: number, cal: DayCalendar, counts: (day: number, cal: DayCalendar) => boolean): string {
  let day = toDay(iso);
  for (let left = n; left > 0; ) {
    day += 1;
    if (counts(day, cal)) left -= 1;
  }
  return fromDay(day);
}

/**
 * Which working day after `from` the day `to` is: 1 for the first working day after `from` (the day itself does
 * not count, as in addWorkingDays). A day that is not a working day counts as the next one, since a period of
 * n working days has run out on it once the nth has passed; 0 when `to` is `from` or earlier.
 */
export function workingDayOrdinal(from: string, to: string, cal: WorkCalendar): number {
  return ordinal(from, to, dayCalendar(cal), isWorkingDay);
}

/**
 * The latest working day `to` can be after `from`: as workingDayOrdinal, but every day of a year whose schedule
 * the calendar does not hold counts, since any weekend day there may have been made a working day. Equal to
 * workingDayOrdinal when the calendar covers the whole period.
 */
export function latestWorkingDayOrdinal(from: string, to: string, cal: WorkCalendar): number {
  return ordinal(from, to, dayCalendar(cal), mayBeWorkingDay);
}

/**
 * The earliest working day `to` can be after `from`: as workingDayOrdinal, less, in each year whose schedule the
 * calendar does not hold, as many of its weekdays in the period as the most holidays a held year has (at most),
 * since any of them may be a holiday. A period that ran out by this count surely ran out (a filing surely missed).
 */
export function leastWorkingDayOrdinal(from: string, to: string, cal: WorkCalendar): number {
  const c = dayCalendar(cal);
  const start = toDay(from);
  const end = toDay(to);
  if (end <= start) return 0;
  // One pass over the days before `to` (`to` itself counts as the next working day whatever it is, as in ordinal):
  // working days, and per year without a schedule, its Monday-to-Friday days.
  let n = 0;
  const unheld = new Map<number, number>();
  for (let day = start + 1; day < end; day += 1) {
    if (!isWorkingDay(day, c)) continue;
    n += 1;
    if (c.years.some(([first, last]) => first <= day && day <= last)) continue;
    const year = new Date(day * 86_400_000).getUTCFullYear();
    unheld.set(year, (unheld.get(year) ?? 0) + 1);
  }
  let less = 0;
  for (const weekdays of unheld.values()) less += Math.min(weekdays, c.mostHolidays);
  return Math.max(0, n + 1 - less);
}

function ordinal(from: string, to: string, cal: DayCalendar, counts: (day: number, cal: DayCalendar) => boolean): number {
  const end = toDay(to);
  let n = 0;
  for (let day = toDay(from) + 1; day < end; day += 1) if (counts(day, cal)) n += 1;
  return end > toDay(from) ? n + 1 : 0;
}

/**
 * A period in force as people read it: its first and LAST day (`to` is the first day no longer in force, as packs
 * store it; "→ 2027-09-01" would read as still in force that day), or `open` without an end.
 */
export const periodText = (p: { from: string; to?: string | null }, open: string): string =>
  `${p.from} → ${p.to == null ? open : fromDay(toDay(p.to) - 1)}`;
