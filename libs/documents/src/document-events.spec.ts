import type { Actor } from '@dhr/identity';
import { eventForUpload } from './document-events';

const actor = (role: Actor['role']) => ({ userId: 'u', role, partnershipId: 'p', agencyId: null }) as unknown as Actor;
const doc = { documentId: 'd', agencyId: 'a', version: 2 };

describe('the workflow event an upload records', () => {
  it.each(['agency_contact', 'coordinator', 'independent_chair'] as const)('an IMR with an agency returns it (%s)', (role) => {
    expect(eventForUpload({ ...doc, type: 'imr' }, actor(role))).toEqual({ type: 'RECEIVE_IMR', agencyId: 'a' });
  });

  it('an IMR without an agency records nothing', () => {
    expect(eventForUpload({ ...doc, type: 'imr', agencyId: null }, actor('coordinator'))).toBeNull();
  });

  it.each(['overview_report', 'executive_summary'] as const)('the chair’s %s is a draft submission naming the version', (type) => {
    expect(eventForUpload({ ...doc, type }, actor('independent_chair'))).toEqual({
      type: 'SUBMIT_DRAFT',
      documentId: 'd',
      documentVersion: 2,
    });
  });

  it('a coordinator’s overview report is stored, not submitted as a draft', () => {
    expect(eventForUpload({ ...doc, type: 'overview_report' }, actor('coordinator'))).toBeNull();
  });

  it.each(['chronology', 'minutes', 'home_office_feedback', 'letter', 'other'] as const)('%s records nothing', (type) => {
    expect(eventForUpload({ ...doc, type }, actor('coordinator'))).toBeNull();
  });
});
