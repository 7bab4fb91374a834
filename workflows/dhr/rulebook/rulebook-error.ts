/** A rulebook that cannot be used; each issue starts with the path of the bad field. */
export class RulebookError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid rulebook (${source}): ${issues.join('; ')}`);
    this.name = 'RulebookError';
  }
}
