import { describe, expect, it } from 'vitest';
import { addWorkingDays, addYears, earliestWorkingDay, fromDay, isIsoDate, latestWorkingDayOrdinal, leastWorkingDayOrdinal, periodText, toDay, workingDayOrdinal } from '../../src/util/dates.js';

const noHolidays = { holidays: new Set<string>(), workdays: new Set<string>(), years: new Set([2026]) };

const cal2026 = { holidays: new Set(['2026-03-09']), workdays: new Set(['2026-03-07']), years: new Set([2026]) };

describe('dates', () => {
  it('round-trips ISO dates through day numbers', () => {
    for (const d of ['1970-01-01', '2024-02-29', '2026-12-31']) expect(fromDay(toDay(d))).toBe(d);
    expect(toDay('2026-03-16') - toDay('2026-03-15')).toBe(1);
  });
  it('toDay and fromDay answer as Date does (they compute by arithmetic, Date only for what is not a plain date)', () => {
    const dateToDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    const dateFromDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
    // Every day from 1600 to 2400 (leap centuries both ways), and the ends of years 0-9999.
    for (let day = dateToDay('1600-01-01'); day <= dateToDay('2400-12-31'); day++) {
      const iso = dateFromDay(day);
      expect(fromDay(day)).toBe(iso);
      expect(toDay(iso)).toBe(day);
    }
    for (const iso of ['0000-01-01', '0001-03-01', '0999-12-31', '9999-12-31', '1969-12-31']) {
      expect(toDay(iso)).toBe(dateToDay(iso));
      expect(fromDay(dateToDay(iso))).toBe(iso);
    }
    for (const day of [-719_529, 2_932_897, 1.5, Number.NaN]) {
      if (Number.isNaN(day)) expect(() => fromDay(day)).toThrow(RangeError);
      else expect(fromDay(day)).toBe(dateFromDay(day));
    }
    // Not a plain date: the same answer as Date.parse gives, valid or not.
    for (const s of ['2026-02-29', '2024-02-30', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-1x', '+02026-01-01', '２０２６-01-01', '', '2026/01/01']) {
      expect(Object.is(toDay(s), dateToDay(s)), s).toBe(true);
    }
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
  it('a calendar entry that is not written YYYY-MM-DD never matches a day, as before', () => {
    const cal = { holidays: new Set(['2026-3-09', '2026-03-09T00:00:00Z']), workdays: new Set<string>(), years: new Set([2026]) };
    expect(addWorkingDays('2026-03-06', 1, cal)).toBe('2026-03-09');
  });
  it('ends a term of years on the corresponding day; 29 Feb falls back to 28 Feb', () => {
    expect(addYears('2024-06-01', 3)).toBe('2027-06-01');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('counts working days after the day itself, skipping weekends', () => {
    expect(addWorkingDays('2026-03-02', 10, noHolidays)).toBe('2026-03-16'); // Mon → Mon two weeks on
    expect(addWorkingDays('2026-03-06', 1, noHolidays)).toBe('2026-03-09'); // Fri → Mon
  });
  it('honours holidays and adjusted working weekends from the pack', () => {
    const cal = { holidays: new Set(['2026-03-09']), workdays: new Set(['2026-03-07']), years: new Set([2026]) };
    expect(addWorkingDays('2026-03-06', 1, cal)).toBe('2026-03-07'); // Saturday made a working day
    expect(addWorkingDays('2026-03-06', 2, cal)).toBe('2026-03-10'); // Monday is a holiday
  });
  it('tells which working day after a start a day is; a weekend day counts as the next working day', () => {
    expect(workingDayOrdinal('2026-03-02', '2026-03-02', noHolidays)).toBe(0); // the day itself
    expect(workingDayOrdinal('2026-03-02', '2026-03-03', noHolidays)).toBe(1);
    expect(workingDayOrdinal('2026-03-02', '2026-03-16', noHolidays)).toBe(10); // = addWorkingDays(…, 10)
    expect(workingDayOrdinal('2026-03-02', '2026-03-17', noHolidays)).toBe(11);
    expect(workingDayOrdinal('2026-03-02', '2026-03-14', noHolidays)).toBe(10); // Saturday before the 10th: still in time
    expect(workingDayOrdinal('2026-03-06', '2026-03-21', noHolidays)).toBe(11); // Saturday after the 10th (Fri 20th): late
    expect(workingDayOrdinal('2026-03-06', '2026-03-10', { holidays: new Set(['2026-03-09']), workdays: new Set<string>(), years: new Set([2026]) })).toBe(1);
    expect(workingDayOrdinal('2026-03-16', '2026-03-02', noHolidays)).toBe(0);
  });
  it('the latest working day counts every day of a year whose schedule is not held, and equals the ordinal where it is', () => {
    // Fri 2026-12-25 → Fri 2027-01-08: 28-31 Dec (2026 known) are 4, then 1-8 Jan 2027 all count (8): 12, not 10.
    expect(workingDayOrdinal('2026-12-25', '2027-01-08', noHolidays)).toBe(10);
    expect(latestWorkingDayOrdinal('2026-12-25', '2027-01-08', noHolidays)).toBe(12);
    expect(latestWorkingDayOrdinal('2026-03-02', '2026-03-16', noHolidays)).toBe(10);
    expect(latestWorkingDayOrdinal('2026-03-06', '2026-03-10', cal2026)).toBe(workingDayOrdinal('2026-03-06', '2026-03-10', cal2026));
    expect(latestWorkingDayOrdinal('2026-03-16', '2026-03-02', noHolidays)).toBe(0);
  });
  it('the earliest deadline counts every day of a year whose schedule is not held', () => {
    expect(addWorkingDays('2026-12-25', 10, noHolidays)).toBe('2027-01-08');
    expect(earliestWorkingDay('2026-12-25', 10, noHolidays)).toBe('2027-01-06');
    expect(earliestWorkingDay('2026-03-02', 10, noHolidays)).toBe(addWorkingDays('2026-03-02', 10, noHolidays));
  });
  it('isIsoDate answers false (never throws) for dates that do not exist', () => {
    for (const d of ['2024-13-01', '2024-00-10', '2026-02-30', '2026-1-01']) expect(isIsoDate(d), d).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
  it('periodText shows the last day in force (packs store the first day no longer in force), across month and leap days', () => {
    expect(periodText({ from: '2025-09-01', to: '2027-09-01' }, 'open')).toBe('2025-09-01 → 2027-08-31');
    expect(periodText({ from: '2022-09-01', to: '2024-03-01' }, 'open')).toBe('2022-09-01 → 2024-02-29');
    expect(periodText({ from: '2026-05-11', to: null }, '现行')).toBe('2026-05-11 → 现行');
  });
  it('leastWorkingDayOrdinal: exact in held years; in other years less as many weekdays as the most holidays a held year has', () => {
    const cal = { holidays: new Set(['2026-01-01', '2026-01-02', '2026-02-16']), workdays: new Set<string>(), years: new Set([2026]) };
    expect(leastWorkingDayOrdinal('2026-01-05', '2026-01-19', cal)).toBe(workingDayOrdinal('2026-01-05', '2026-01-19', cal));
    // 2027 unheld: 10 Monday-to-Friday days from 2027-01-04 to 2027-01-15, less at most 3 (2026's weekday holidays).
    expect(workingDayOrdinal('2027-01-01', '2027-01-15', cal)).toBe(10);
    expect(leastWorkingDayOrdinal('2027-01-01', '2027-01-15', cal)).toBe(7);
    expect(leastWorkingDayOrdinal('2027-01-01', '2027-01-02', cal)).toBe(1); // the day after counts as the first, as ordinal
    // No year held: nothing bounds an unheld year's holidays, so no day is surely past the first working day.
    expect(leastWorkingDayOrdinal('2027-01-01', '2027-12-31', { ...cal, years: new Set<number>() })).toBe(1);
  });
});
