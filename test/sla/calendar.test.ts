import { describe, expect, it } from 'vitest';
import { aroundTheClock, calendarTime, SlaCalendar } from '#sla/calendar.js';

const HOUR = 60 * 60 * 1000;
const weekdays = (shifts: { from: string; to: string }[]) => ({
  monday: shifts,
  tuesday: shifts,
  wednesday: shifts,
  thursday: shifts,
  friday: shifts,
  saturday: [],
  sunday: [],
});
const everyDay = (shifts: { from: string; to: string }[]) => ({
  ...weekdays(shifts),
  saturday: shifts,
  sunday: shifts,
});

const calendar = (input: Partial<SlaCalendar> & Pick<SlaCalendar, 'timeZone'>) =>
  calendarTime(SlaCalendar.parse({ id: 'office', name: 'Office', ...input }));

const officeBerlin = calendar({
  timeZone: 'Europe/Berlin',
  weeklyHours: weekdays([{ from: '09:00', to: '17:00' }]),
});

describe('24×7 calendar', () => {
  const time = calendarTime(aroundTheClock);

  it('counts every hour of the day and the night', () => {
    const start = new Date('2026-03-06T22:00:00Z');

    expect(time.addBusinessTime(start, 4 * HOUR).toISOString()).toBe('2026-03-07T02:00:00.000Z');
    expect(time.businessTimeBetween(start, new Date('2026-03-08T22:00:00Z'))).toBe(48 * HOUR);
  });

  it('counts nothing backwards', () => {
    expect(time.businessTimeBetween(new Date('2026-03-06T22:00:00Z'), new Date('2026-03-06T21:00:00Z'))).toBe(
      0,
    );
  });
});

describe('business-hours calendar', () => {
  it('carries time left on Friday evening over to Monday morning', () => {
    const fridayFourPm = new Date('2026-03-06T15:00:00Z'); // 16:00 in Berlin (UTC+1)

    const due = officeBerlin.addBusinessTime(fridayFourPm, 4 * HOUR);

    expect(due.toISOString()).toBe('2026-03-09T11:00:00.000Z'); // Monday 12:00 Berlin
  });

  it('starts counting at opening time when work arrives at night', () => {
    const sundayNight = new Date('2026-03-08T21:30:00Z');

    expect(officeBerlin.addBusinessTime(sundayNight, HOUR).toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it('measures only open hours between two instants', () => {
    const fridayFourPm = new Date('2026-03-06T15:00:00Z');
    const mondayTenAm = new Date('2026-03-09T09:00:00Z');

    expect(officeBerlin.businessTimeBetween(fridayFourPm, mondayTenAm)).toBe(2 * HOUR);
  });

  it('skips the lunch break of a split shift', () => {
    const tallinn = calendar({
      timeZone: 'Europe/Tallinn',
      weeklyHours: weekdays([
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ]),
    });
    const elevenAm = new Date('2026-02-03T09:00:00Z'); // Tuesday 11:00 in Tallinn (UTC+2)

    const due = tallinn.addBusinessTime(elevenAm, 2 * HOUR);

    expect(due.toISOString()).toBe('2026-02-03T12:00:00.000Z'); // 14:00 local
    expect(tallinn.businessTimeBetween(elevenAm, due)).toBe(2 * HOUR);
  });

  it('does not count holidays', () => {
    const withEasterMonday = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: weekdays([{ from: '09:00', to: '17:00' }]),
      holidays: ['2026-04-06'],
    });
    const thursdayAfternoon = new Date('2026-04-02T14:00:00Z'); // Thursday 16:00 CEST; Good Friday is a normal day here

    expect(withEasterMonday.addBusinessTime(thursdayAfternoon, 10 * HOUR).toISOString()).toBe(
      '2026-04-07T08:00:00.000Z', // 1 h Thu + 8 h Fri, Monday off, 1 h Tuesday → 10:00 CEST
    );
  });

  it('treats a holiday in an around-the-clock calendar as a closed day', () => {
    const aroundTheClockButChristmas = calendar({ timeZone: 'Europe/Tallinn', holidays: ['2026-12-25'] });
    const christmasEve = new Date('2026-12-24T20:00:00Z'); // 22:00 in Tallinn

    expect(aroundTheClockButChristmas.addBusinessTime(christmasEve, 4 * HOUR).toISOString()).toBe(
      '2026-12-26T00:00:00.000Z', // 2 h on the 24th, then 2 h from 00:00 on the 26th: 02:00 local
    );
  });
});

describe('daylight-saving changes', () => {
  it('keeps local opening hours when the clocks spring forward over a weekend (Tallinn)', () => {
    const tallinn = calendar({
      timeZone: 'Europe/Tallinn',
      weeklyHours: weekdays([{ from: '09:00', to: '17:00' }]),
    });
    const fridayFourPm = new Date('2026-03-27T14:00:00Z'); // 16:00 EET (UTC+2)

    const due = tallinn.addBusinessTime(fridayFourPm, 2 * HOUR);

    expect(due.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // Monday 10:00 EEST (UTC+3)
  });

  it('counts a spring-forward day as 23 hours', () => {
    const berlinEveryDay = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '00:00', to: '24:00' }]),
    });
    const sundayMidnight = new Date('2026-03-28T23:00:00Z'); // 29 March 00:00 CET
    const mondayMidnight = new Date('2026-03-29T22:00:00Z'); // 30 March 00:00 CEST

    expect(berlinEveryDay.businessTimeBetween(sundayMidnight, mondayMidnight)).toBe(23 * HOUR);
    expect(berlinEveryDay.addBusinessTime(sundayMidnight, 12 * HOUR).toISOString()).toBe(
      '2026-03-29T11:00:00.000Z',
    );
  });

  it('counts a fall-back day as 25 hours', () => {
    const berlinEveryDay = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '00:00', to: '24:00' }]),
    });
    const sundayMidnight = new Date('2026-10-24T22:00:00Z'); // 25 October 00:00 CEST
    const mondayMidnight = new Date('2026-10-25T23:00:00Z'); // 26 October 00:00 CET

    expect(berlinEveryDay.businessTimeBetween(sundayMidnight, mondayMidnight)).toBe(25 * HOUR);
  });

  it('gives a night shift across the spring-forward gap one hour less', () => {
    const nightShift = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '01:00', to: '05:00' }]),
    });
    const sundayOneAm = new Date('2026-03-29T00:00:00Z'); // 01:00 CET

    expect(nightShift.businessTimeBetween(sundayOneAm, new Date('2026-03-29T12:00:00Z'))).toBe(3 * HOUR);
  });

  it('gives a night shift across the fall-back repeat one hour more', () => {
    const nightShift = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '01:00', to: '05:00' }]),
    });
    const sundayOneAm = new Date('2026-10-24T23:00:00Z'); // 01:00 CEST

    expect(nightShift.businessTimeBetween(sundayOneAm, new Date('2026-10-25T12:00:00Z'))).toBe(5 * HOUR);
  });

  it('opens a shift that starts inside the spring-forward gap when the clocks reach it (02:30 → 03:30)', () => {
    const earlyShift = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '02:30', to: '05:00' }]),
    });
    const saturdayMidnight = new Date('2026-03-28T23:00:00Z'); // 29 March 00:00 CET

    expect(earlyShift.addBusinessTime(saturdayMidnight, 0).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(earlyShift.businessTimeBetween(saturdayMidnight, new Date('2026-03-29T12:00:00Z'))).toBe(
      1.5 * HOUR,
    );
  });

  it('opens a shift that starts in the fall-back repeat at the first of the two 02:30s, whatever today is', () => {
    const earlyShift = calendar({
      timeZone: 'Europe/Berlin',
      weeklyHours: everyDay([{ from: '02:30', to: '04:00' }]),
    });
    const saturdayMidnight = new Date('2026-10-24T22:00:00Z'); // 25 October 00:00 CEST

    expect(earlyShift.addBusinessTime(saturdayMidnight, 0).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(earlyShift.businessTimeBetween(saturdayMidnight, new Date('2026-10-25T12:00:00Z'))).toBe(
      2.5 * HOUR,
    );
  });

  it('starts a day whose midnight the clocks skip at 01:00 (Santiago)', () => {
    const santiago = calendar({ timeZone: 'America/Santiago', holidays: ['2026-09-05'] });
    const saturdayMorning = new Date('2026-09-05T12:00:00Z'); // 08:00 (UTC−4), a holiday

    // The next day begins at 01:00 (UTC−3): midnight does not exist on 6 September 2026.
    expect(santiago.addBusinessTime(saturdayMorning, HOUR).toISOString()).toBe('2026-09-06T05:00:00.000Z');
  });
});

describe('calendar validation', () => {
  it('refuses overlapping shifts and names the shift', () => {
    const result = SlaCalendar.safeParse({
      id: 'office',
      name: 'Office',
      timeZone: 'Europe/Warsaw',
      weeklyHours: {
        monday: [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '15:00' },
        ],
      },
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['weeklyHours', 'monday', 1, 'from']);
  });

  it('refuses an unknown time zone and a week without any open hours', () => {
    const result = SlaCalendar.safeParse({
      id: 'office',
      name: 'Office',
      timeZone: 'Mars/Olympus',
      weeklyHours: {},
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['timeZone', 'weeklyHours']);
  });
});
