import { DomainError } from '@dhr/core';
import { completeStatutorySteps } from './statutory-steps';

const noCheck = () => undefined;
const publish = (publishedAt: string, keepOnlineUntil: string) => {
  const fields: Record<string, unknown> = { keepOnlineUntil };
  completeStatutorySteps('PUBLISH', fields, new Date(publishedAt), noCheck);
  return fields;
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).details;
  }
  return null;
};

describe('the report kept online at least 12 months (London dates)', () => {
  it('accepts the same London date a year on, and refuses the day before', () => {
    expect(publish('2027-03-10T10:00:00Z', '2028-03-10T17:00:00Z').keepOnlineUntil).toBe('2028-03-10T17:00:00Z');
    expect(refusal(() => publish('2027-03-10T10:00:00Z', '2028-03-09T17:00:00Z'))).toMatchObject({
      fields: [{ field: 'keepOnlineUntil', reason: 'must be at least 12 months after publishedAt (2028-03-10 or later)' }],
    });
  });

  it('counts calendar months at month ends: 29 February to 28 February', () => {
    expect(refusal(() => publish('2028-02-29T12:00:00Z', '2029-02-28T17:00:00Z'))).toBeNull();
  });

  it('reads a publication late in the evening of a summer-time day as that London date', () => {
    // 23:30 UTC on 31 March 2027 is already 1 April in London (BST).
    expect(refusal(() => publish('2027-03-31T23:30:00Z', '2028-03-31T17:00:00Z'))).not.toBeNull();
    expect(refusal(() => publish('2027-03-31T23:30:00Z', '2028-04-01T16:00:00Z'))).toBeNull();
  });
});

describe('the guidance steps’ own rules', () => {
  const step = (fields: Record<string, unknown>) => {
    const copy = { ...fields };
    completeStatutorySteps('RECORD_GUIDANCE_STEP', copy, new Date(), noCheck);
    return copy;
  };

  it('is done unless said otherwise, and a step not done says why', () => {
    expect(step({ step: 'family_leaflet_given' }).done).toBe(true);
    expect(refusal(() => step({ step: 'family_leaflet_given', done: false }))).toMatchObject({ fields: [{ field: 'note' }] });
  });

  it('names the advocacy service offered, and the agency and senior manager of an IMR sign-off, and nothing else', () => {
    expect(refusal(() => step({ step: 'advocacy_offered' }))).toMatchObject({ fields: [{ field: 'organisation' }] });
    expect(refusal(() => step({ step: 'imr_signed_off', signedOffBy: 'Head of Service' }))).toMatchObject({
      fields: [{ field: 'agencyId' }],
    });
    expect(refusal(() => step({ step: 'chair_independence_statement', agencyId: 'a' }))).toMatchObject({ fields: [{ field: 'agencyId' }] });
    expect(refusal(() => step({ step: 'family_leaflet_given', organisation: 'AAFDA' }))).toMatchObject({
      fields: [{ field: 'organisation' }],
    });
  });
});
