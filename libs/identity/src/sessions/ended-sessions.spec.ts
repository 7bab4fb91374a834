import { startedBeforeSessionsEnded, tokenIssuedAtMs } from './ended-sessions';

describe('ended sessions', () => {
  const endedAt = new Date('2026-11-26T10:00:00.500Z');

  it('keeps every session while nothing was ended', () => {
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: null }, Date.parse('2020-01-01T00:00:00Z'))).toBe(false);
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: null }, undefined)).toBe(false);
  });

  it('ends a session signed in before, keeps one signed in after', () => {
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: endedAt }, endedAt.getTime() - 1)).toBe(true);
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: endedAt }, endedAt.getTime() + 1)).toBe(false);
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: endedAt }, undefined)).toBe(true);
  });

  it('refuses a token from the very second sessions ended (iat is whole seconds), accepts one from the next', () => {
    const sameSecond = Math.floor(endedAt.getTime() / 1000);
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: endedAt }, tokenIssuedAtMs(sameSecond))).toBe(true);
    expect(startedBeforeSessionsEnded({ sessionsValidAfter: endedAt }, tokenIssuedAtMs(sameSecond + 1))).toBe(false);
    expect(tokenIssuedAtMs(undefined)).toBeUndefined();
  });
});
