import { findInputProblem } from './input-guard';

describe('input guard', () => {
  it('names the field holding a NUL character', () => {
    expect(findInputProblem({ payload: { reason: 'a\u0000b' } }, '')).toEqual({
      field: 'payload.reason',
      reason: 'must not contain NUL characters',
    });
  });

  it('names the field holding an unpaired surrogate, and accepts paired ones', () => {
    expect(findInputProblem({ email: 'a\ud800@x.test' }, '')).toEqual({ field: 'email', reason: 'must be well-formed Unicode text' });
    expect(findInputProblem({ note: 'ok 🙂' }, '')).toBeNull();
  });

  it('refuses prototype keys', () => {
    expect(findInputProblem(JSON.parse('{"type":"CLOSE","__proto__":{"x":1}}'), '')).toMatchObject({ field: '__proto__' });
    expect(findInputProblem({ a: { constructor: 1 } }, '')).toMatchObject({ field: 'a.constructor' });
  });

  it('passes ordinary input', () => {
    expect(
      findInputProblem({ type: 'DECIDE_TO_COMMISSION', rationale: 'Criteria met — “quotes” and émojis 🙂', n: 1, list: [1, 'x'] }, ''),
    ).toBeNull();
  });
});
