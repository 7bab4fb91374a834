import { durationIssues, durationLabel, isDuration, nominalSeconds, scaleDuration, sumDurations } from './duration';

describe('Duration', () => {
  it('names the bad field by its path', () => {
    expect(durationIssues({ weeks: -1 }, 'clocks.imr.length')).toEqual(['clocks.imr.length.weeks must be a non-negative integer']);
    expect(durationIssues({ fortnights: 1 }, 'x')).toEqual([
      'x.fortnights is not a duration unit (use one of months, weeks, days, workingDays, hours, minutes, seconds)',
      'x must have at least one unit (months, weeks, days, workingDays, hours, minutes, seconds)',
    ]);
    expect(durationIssues(7, 'x')).toEqual(['x must be an object such as { "days": 7 }']);
    expect(durationIssues({ days: '7' }, 'x')).toEqual(['x.days must be a non-negative integer']);
    expect(isDuration({ days: 0 })).toBe(true);
  });

  it('labels, scales, sums and orders', () => {
    expect(durationLabel({ days: 14 })).toBe('14d');
    expect(durationLabel({ months: 1, days: 2 })).toBe('1mo2d');
    expect(durationLabel({ workingDays: 10 })).toBe('10wd');
    expect(durationLabel({ minutes: 5, seconds: 30 })).toBe('5min30s');
    expect(durationLabel({ days: 0 })).toBe('0s');
    expect(scaleDuration({ months: 1, days: 2 }, 3)).toEqual({ months: 3, days: 6 });
    expect(sumDurations({ days: 7 }, { days: 14, hours: 1 })).toEqual({ days: 21, hours: 1 });
    expect(nominalSeconds({ weeks: 1 })).toBe(nominalSeconds({ days: 7 }));
    expect(nominalSeconds({ months: 1 }) > nominalSeconds({ weeks: 4 })).toBe(true);
  });
});
