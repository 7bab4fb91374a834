import { diffFields } from './diff-fields';

describe('diffFields', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diffFields({ stage: 'setup', onHold: false, version: 3 }, { stage: 'drafting', onHold: false, version: 4 })).toEqual({
      stage: { before: 'setup', after: 'drafting' },
      version: { before: 3, after: 4 },
    });
  });

  it('records a field that appeared or disappeared with null on the missing side', () => {
    expect(diffFields({ a: 1 }, { b: 2 })).toEqual({ a: { before: 1, after: null }, b: { before: null, after: 2 } });
  });

  it('compares deeply and dates by instant', () => {
    const at = new Date('2026-10-25T01:30:00.000Z');
    expect(diffFields({ when: at, tags: { x: [1, 2] } }, { when: new Date(at.getTime()), tags: { x: [1, 2] } })).toEqual({});
    expect(diffFields({ tags: { x: [1, 2] } }, { tags: { x: [2, 1] } })).toEqual({
      tags: { before: { x: [1, 2] }, after: { x: [2, 1] } },
    });
  });

  it('compares only the named fields when given, so secrets stay out', () => {
    const before = { name: 'A', passwordHash: 'h1', role: 'coordinator' };
    const after = { name: 'B', passwordHash: 'h2', role: 'coordinator' };
    expect(diffFields(before, after, ['name', 'role'])).toEqual({ name: { before: 'A', after: 'B' } });
  });
});
