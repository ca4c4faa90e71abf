import { describe, expect, it } from 'vitest';
import { addWorkingDays, addYears, earliestWorkingDay, fromDay, isIsoDate, latestWorkingDayOrdinal, toDay, workingDayOrdinal } from '../../src/util/dates.js';

const noHolidays = { holidays: new Set<string>(), workdays: new Set<string>(), years: new Set([2026]) };

const cal2026 = { holidays: new Set(['2026-03-09']), workdays: new Set(['2026-03-07']), years: new Set([2026]) };

describe('dates', () => {
  it('round-trips ISO dates through day numbers', () => {
    for (const d of ['1970-01-01', '2024-02-29', '2026-12-31']) expect(fromDay(toDay(d))).toBe(d);
    expect(toDay('2026-03-16') - toDay('2026-03-15')).toBe(1);
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
});
