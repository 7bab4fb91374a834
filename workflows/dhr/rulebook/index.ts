// Clock rules of the DHR workflow: the shipped 2016 defaults and RULEBOOK_FILE overrides.
export * from './rulebook.types';
export { RulebookError } from './rulebook-error';
export { validateRulebook } from './validate-rulebook';
export { mergeRulebook } from './merge-rulebook';
export { loadRulebook, defaultRulebook, DEFAULT_RULEBOOK_ID } from './load-rulebook';
