/** Injection token for the Rulebook in force (the 2016 defaults, overridden by RULEBOOK_FILE). */
export const RULEBOOK = Symbol('RULEBOOK');
