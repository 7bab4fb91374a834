import type { AuditVerification } from './audit-verifier';

/** The line the CLI prints and its exit code. */
export function describeVerification(result: AuditVerification): { message: string; exitCode: 0 | 1 } {
  if (result.ok || !result.firstBrokenAt) return { message: `audit chain OK: ${result.entries} entries`, exitCode: 0 };
  const { chain, seq, reason } = result.firstBrokenAt;
  return { message: `audit chain BROKEN at ${chain} seq ${seq} (${reason})`, exitCode: 1 };
}
