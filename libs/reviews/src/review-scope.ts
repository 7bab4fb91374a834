import type { DhrContext } from '@dhr/workflows/dhr/contract';

/** The agencies taking part in a review: its panel and those asked for a scoping return. */
export function involvedAgencyIds(context: DhrContext): string[] {
  return [...new Set([...context.panel.map((p) => p.agencyId), ...context.scoping.map((s) => s.agencyId)])];
}
