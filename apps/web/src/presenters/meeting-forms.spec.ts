import { checked, meetingFormProblems, readMeetingTimes } from './meeting-forms';

const NOW = new Date('2026-07-01T09:00:00Z'); // 10am in London (BST)
const day = (d: string, m: string, y = '2026') => ({ 'date-day': d, 'date-month': m, 'date-year': y });
const always = () => true;

describe('meeting form answers', () => {
  it('reads a date and two times as London instants, in summer and winter', () => {
    expect(readMeetingTimes({ ...day('2', '7'), startTime: '10am', endTime: '2:30pm' }, NOW, always)).toEqual({
      startsAt: '2026-07-02T09:00:00.000Z',
      endsAt: '2026-07-02T13:30:00.000Z',
    });
    expect(readMeetingTimes({ ...day('2', '12'), startTime: '10am', endTime: '14:30' }, NOW, always)).toEqual({
      startsAt: '2026-12-02T10:00:00.000Z',
      endsAt: '2026-12-02T14:30:00.000Z',
    });
  });

  it('names what is wrong, field by field', () => {
    const problems = (values: Record<string, string>) => {
      const read = readMeetingTimes(values, NOW, always);
      return 'problems' in read ? read.problems : {};
    };
    expect(problems({})).toEqual({
      date: 'Enter the date of the meeting',
      startTime: 'Enter the start time',
      endTime: 'Enter the end time',
    });
    expect(problems({ 'date-day': '2', startTime: 'noon', endTime: '1pm' })).toEqual({
      date: 'The date of the meeting must include a month and year',
      startTime: 'Enter the start time like 10am or 2:30pm',
    });
    expect(problems({ ...day('2', '7'), startTime: '2pm', endTime: '2pm' })).toEqual({
      endTime: 'The end time must be after the start time',
    });
    expect(problems({ ...day('2', '7'), startTime: '8am', endTime: '9pm' })).toEqual({ endTime: 'A meeting can last at most 12 hours' });
    expect(problems({ ...day('30', '6'), startTime: '10am', endTime: '11am' })).toEqual({
      date: 'The date of the meeting must be today or in the future',
    });
    expect(problems({ ...day('1', '7'), startTime: '9am', endTime: '11am' })).toEqual({
      startTime: 'The start time must be later than now',
    });
  });

  it('lets a meeting that is not moved keep a start in the past', () => {
    expect('startsAt' in readMeetingTimes({ ...day('1', '7'), startTime: '9am', endTime: '11am' }, NOW, () => false)).toBe(true);
  });

  it('puts the lib’s fields on the form’s, in page order, the first message kept', () => {
    expect(Object.entries(meetingFormProblems({ location: 'a', endsAt: 'b' }, { startsAt: 'c', location: 'd' }))).toEqual([
      ['date', 'c'],
      ['endTime', 'b'],
      ['location', 'a'],
    ]);
  });

  it('reads checkboxes sent once, several times or not at all', () => {
    expect(checked(undefined)).toEqual([]);
    expect(checked('a')).toEqual(['a']);
    expect(checked(['a', 'b', 'a', '', 3])).toEqual(['a', 'b']);
  });
});
