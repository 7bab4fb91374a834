import { barChart, forecastSummary, partnershipChoice, periodChoices } from './dashboard.presenter';

describe('dashboard presenter', () => {
  it('scales bars to the largest value, one row each', () => {
    const chart = barChart('c', 'Title', [
      { label: 'A', value: 10, valueText: '10' },
      { label: 'B', value: 5, valueText: '5' },
      { label: 'C', value: 0, valueText: '0' },
    ]);
    expect(chart.bars.map((b) => [b.width, b.y])).toEqual([
      [340, 4],
      [170, 36],
      [0, 68],
    ]);
    expect(chart.height).toBe(104);
    expect(barChart('e', 'Empty', []).bars).toEqual([]);
  });

  it('cuts a label too long for the space left of the bars, keeping the whole one for the title and table', () => {
    const [bar] = barChart('c', 'Title', [{ label: 'Croydon Health Services NHS Trust', value: 1, valueText: '1' }]).bars;
    expect(bar.label).toBe('Croydon Health Services NHS Trust');
    expect(bar.shortLabel).toBe('Croydon Health Services NHS…');
    expect(barChart('c', 'Title', [{ label: 'Metropolitan Police Service', value: 1, valueText: '1' }]).bars[0].shortLabel).toBe(
      'Metropolitan Police Service',
    );
  });

  it('offers periods as their first London day, the last 12 months by default', () => {
    const now = new Date('2026-03-29T23:30:00Z'); // 00:30 BST on 30 March
    const periods = periodChoices(now, null);
    expect(periods.items.map((p) => p.value)).toEqual(['2025-12-31', '2025-10-01', '2025-03-31', '2024-03-31']);
    expect(periods.selected).toBe('2025-03-31');
    expect(periodChoices(now, '2025-10-01').selected).toBe('2025-10-01');
    expect(periodChoices(now, '1999-01-01').selected).toBe('2025-03-31');
  });

  it('offers "All my partnerships" only to someone with more than one', () => {
    const one = [{ partnershipId: 'p1', partnershipName: 'North' }];
    expect(partnershipChoice(one, 'p1')).toEqual([{ value: 'p1', text: 'North', selected: true }]);
    const two = [...one, { partnershipId: 'p2', partnershipName: 'South' }];
    expect(partnershipChoice(two, 'all').map((i) => [i.text, i.selected])).toEqual([
      ['All my partnerships', true],
      ['North', false],
      ['South', false],
    ]);
  });

  it('words a forecast as dates with their range and what it is based on', () => {
    const summary = forecastSummary({
      signOff: { expected: '2027-05-10', earliest: '2027-04-30', latest: '2027-05-30' },
      publication: null,
      expectedBy: '2027-04-01',
      likelyLate: true,
      reasons: ['IMR from Northshire Police is 18 days overdue'],
      basis: 'partnership',
      sampleSize: 5,
    });
    expect(summary.rows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['Expected sign-off', '10 May 2027 (between 30 April 2027 and 30 May 2027)'],
      ['Six months from commissioning', '1 April 2027'],
      ['Based on', '5 completed reviews of this partnership'],
    ]);
    expect(summary.likelyLate).toBe(true);
  });
});
