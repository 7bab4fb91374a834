import type { AuditVerification } from './audit-verifier';

/** The line the CLI prints and its exit code. */
export function describeVerification(result: AuditVerification): { message: string; exitCode: 0 | 1 } {
  const unsealed = describeUnsealed(result);
  if (result.ok || !result.firstBrokenAt) return { message: `audit chain OK: ${result.entries} entries${unsealed}`, exitCode: 0 };
  const { chain, seq, reason } = result.firstBrokenAt;
  return { message: `audit chain BROKEN at ${chain} seq ${seq} (${reason})${unsealed}`, exitCode: 1 };
}

/** Entries committed but not yet sealed cannot be checked yet: say how many, and how long the oldest has waited. */
function describeUnsealed({ unsealed }: AuditVerification): string {
  if (unsealed.entries === 0) return '';
  return `; ${unsealed.entries} not yet sealed (oldest ${unsealed.oldestSeconds ?? 0} s)`;
}
