import type { EntityManager } from 'typeorm';
import type { Role } from '@dhr/identity';
import { escalationIds, ownerIds, RecipientDirectory } from './recipients';

// A partnership's people by role, and agencies' contacts: the directory's answers, as lists.
const people: Record<string, string[]> = { coordinator: ['coord'], csp_chair: ['csp'] };
const contacts: Record<string, string[]> = { police: ['pc1', 'pc2'], housing: [] };
const directory: RecipientDirectory = {
  userIdsWithRole: async (_partnershipId: string, roles: Role[]) => roles.flatMap((r) => people[r] ?? []),
  agencyContactIds: async (agencyIds: string[]) => agencyIds.flatMap((a) => contacts[a] ?? []),
};
const manager = {} as EntityManager;
const police = { partnershipId: 'p', agencyId: 'police' };
const housing = { partnershipId: 'p', agencyId: 'housing' };
const caseClock = { partnershipId: 'p', agencyId: null };

describe('who an alarm goes to', () => {
  it('escalates an agency clock to its contacts and the coordinators, then the CSP chairs too', async () => {
    expect((await escalationIds(directory, manager, police, 'agency', 0)).sort()).toEqual(['coord', 'pc1', 'pc2']);
    expect((await escalationIds(directory, manager, police, 'agency', 1)).sort()).toEqual(['coord', 'csp', 'pc1', 'pc2']);
    expect((await escalationIds(directory, manager, police, 'agency', 3)).sort()).toEqual(['coord', 'csp', 'pc1', 'pc2']);
  });

  it('escalates an agency with no contact on the system to the coordinators (and CSP chairs from step 1) only', async () => {
    expect(await escalationIds(directory, manager, housing, 'agency', 0)).toEqual(['coord']);
    expect((await escalationIds(directory, manager, housing, 'agency', 1)).sort()).toEqual(['coord', 'csp']);
  });

  it('escalates a case clock as before: the coordinators, then the CSP chairs too', async () => {
    expect(await escalationIds(directory, manager, caseClock, 'chair_coordinator', 0)).toEqual(['coord']);
    expect((await escalationIds(directory, manager, caseClock, 'chair_coordinator', 1)).sort()).toEqual(['coord', 'csp']);
  });

  it('reminds the owners: the agency (or the coordinators without a contact), the decision makers, the chair', async () => {
    expect(await ownerIds(directory, manager, police, 'agency', 'chair')).toEqual(['pc1', 'pc2']);
    expect(await ownerIds(directory, manager, housing, 'agency', 'chair')).toEqual(['coord']);
    expect((await ownerIds(directory, manager, caseClock, 'csp_chair_coordinator', null)).sort()).toEqual(['coord', 'csp']);
    expect((await ownerIds(directory, manager, caseClock, 'chair_coordinator', 'chair')).sort()).toEqual(['chair', 'coord']);
    expect(await ownerIds(directory, manager, caseClock, 'coordinator', null)).toEqual(['coord']);
  });
});
