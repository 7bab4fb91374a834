import { describeVerification } from './verification-report';

const NONE = { entries: 0, oldestSeconds: null };

describe('describeVerification (what `npm run audit:verify` prints)', () => {
  it('says OK with the count and exits 0', () => {
    expect(describeVerification({ ok: true, entries: 42, unsealed: NONE })).toEqual({ message: 'audit chain OK: 42 entries', exitCode: 0 });
  });

  it('says how many entries are not yet sealed, and how long the oldest has waited', () => {
    expect(describeVerification({ ok: true, entries: 42, unsealed: { entries: 3, oldestSeconds: 0.4 } })).toEqual({
      message: 'audit chain OK: 42 entries; 3 not yet sealed (oldest 0.4 s)',
      exitCode: 0,
    });
  });

  it('names the chain, seq and reason of the first broken entry and exits 1', () => {
    const result = {
      ok: false,
      entries: 5,
      firstBrokenAt: { chain: 'system', seq: 5, id: '9', reason: 'hash_mismatch' as const },
      unsealed: NONE,
    };
    expect(describeVerification(result)).toEqual({ message: 'audit chain BROKEN at system seq 5 (hash_mismatch)', exitCode: 1 });
  });
});
