/**
 * What an agency contact may see of a review: the summary, and within it only
 * what belongs to their own agency. Works on the plain view objects so that the
 * rule lives here, not in each controller.
 */
export interface AgencyScopedParts {
  panel: { agencyId: string }[];
  actions: { agencyId: string }[];
  deadlines: { agencyId?: string }[];
}

export function ownAgencyOnly<T extends AgencyScopedParts>(view: T, agencyId: string): T {
  return {
    ...view,
    panel: view.panel.filter((p) => p.agencyId === agencyId),
    actions: view.actions.filter((a) => a.agencyId === agencyId),
    deadlines: view.deadlines.filter((d) => d.agencyId === agencyId),
  };
}

/** A history entry concerns an agency when its payload names the agency. */
export function concernsAgency(payload: Record<string, unknown>, agencyId: string): boolean {
  return payload.agencyId === agencyId;
}
