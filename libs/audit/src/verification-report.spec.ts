import { describeVerification } from './verification-report';

describe('describeVerification (what `npm run audit:verify` prints)', () => {
  it('says OK with the count and exits 0', () => {
    expect(describeVerification({ ok: true, entries: 42 })).toEqual({ message: 'audit chain OK: 42 entries', exitCode: 0 });
  });

  it('names the chain, seq and reason of the first broken entry and exits 1', () => {
    const result = { ok: false, entries: 5, firstBrokenAt: { chain: 'system', seq: 5, id: '9', reason: 'hash_mismatch' as const } };
    expect(describeVerification(result)).toEqual({ message: 'audit chain BROKEN at system seq 5 (hash_mismatch)', exitCode: 1 });
  });
});
