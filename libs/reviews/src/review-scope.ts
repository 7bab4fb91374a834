import type { DhrContext } from '@dhr/workflows/dhr/v1/dhr.types';

/** The agencies taking part in a review: its panel and those asked for a scoping return. */
export function involvedAgencyIds(context: DhrContext): string[] {
  return [...new Set([...context.panel.map((p) => p.agencyId), ...context.scoping.map((s) => s.agencyId)])];
}
