import type { Actor } from '@dhr/identity';
import { mayReadDocument, visibleDocumentsCondition, whyNotShareable } from './document-access.policy';

const POLICE = 'a0000000-0000-4000-8000-000000000001';
const HEALTH = 'a0000000-0000-4000-8000-000000000002';
const contact = (agencyId: string | null) => ({ userId: 'u', role: 'agency_contact', partnershipId: 'p', agencyId }) as unknown as Actor;
const coordinator = { userId: 'c', role: 'coordinator', partnershipId: 'p', agencyId: null } as unknown as Actor;

describe('panel papers in the access policy', () => {
  const shared = { agencyId: null, sharedWithPanel: true };
  const unshared = { agencyId: null, sharedWithPanel: false };
  const healthImr = { agencyId: HEALTH, sharedWithPanel: false };

  it('full access reads every document', () => {
    for (const doc of [shared, unshared, healthImr]) expect(mayReadDocument(coordinator, 'full', doc, [])).toBe(true);
    expect(visibleDocumentsCondition(coordinator, 'full', [])).toBeNull();
  });

  it('an agency contact on the panel reads the shared papers and their own agency’s, never another agency’s', () => {
    expect(mayReadDocument(contact(POLICE), 'agency', shared, [POLICE, HEALTH])).toBe(true);
    expect(mayReadDocument(contact(POLICE), 'agency', unshared, [POLICE, HEALTH])).toBe(false);
    expect(mayReadDocument(contact(POLICE), 'agency', healthImr, [POLICE, HEALTH])).toBe(false);
    expect(mayReadDocument(contact(HEALTH), 'agency', healthImr, [POLICE, HEALTH])).toBe(true);
    expect(visibleDocumentsCondition(contact(POLICE), 'agency', [POLICE])).toEqual({
      sql: '(d.agency_id = :visibleAgencyId OR d.shared_with_panel_at IS NOT NULL)',
      params: { visibleAgencyId: POLICE },
    });
  });

  it('an agency contact not on the panel (asked for scoping only) reads no shared paper', () => {
    expect(mayReadDocument(contact(HEALTH), 'agency', shared, [POLICE])).toBe(false);
    expect(visibleDocumentsCondition(contact(HEALTH), 'agency', [POLICE])).toEqual({
      sql: 'd.agency_id = :visibleAgencyId',
      params: { visibleAgencyId: HEALTH },
    });
    expect(mayReadDocument(contact(null), 'agency', shared, [POLICE])).toBe(false);
    expect(visibleDocumentsCondition(contact(null), 'agency', [POLICE])).toEqual({ sql: 'false', params: {} });
  });

  it('never lets an agency’s IMR, chronology or other document be shared', () => {
    expect(whyNotShareable({ type: 'imr', agencyId: HEALTH })).toMatch(/IMR is never shared with the panel/);
    expect(whyNotShareable({ type: 'chronology', agencyId: null })).toMatch(/chronology is never shared with the panel/);
    expect(whyNotShareable({ type: 'letter', agencyId: POLICE })).toMatch(/document of one agency is never shared/);
    for (const type of ['terms_of_reference', 'overview_report', 'executive_summary', 'minutes', 'letter', 'other', 'home_office_feedback'])
      expect(whyNotShareable({ type, agencyId: null })).toBeNull();
  });
});
