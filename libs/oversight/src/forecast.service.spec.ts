import { DEPLOYMENT_SAMPLES, evenSpread } from './forecast.service';

describe('evenSpread (the deployment samples a thin partnership borrows)', () => {
  it('keeps every sample when there are few enough', () => {
    expect(evenSpread([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('takes samples spread evenly over all of them, never only the first', () => {
    const all = Array.from({ length: 55_000 }, (_, i) => i);
    const kept = evenSpread(all, DEPLOYMENT_SAMPLES);
    expect(kept).toHaveLength(1_000);
    expect(kept[0]).toBe(0);
    expect(kept[999]).toBe(54_945);
    // Spread evenly, the median is kept within one step of the whole list's.
    expect(Math.abs(kept[500] - 27_500)).toBeLessThanOrEqual(55);
  });
});
