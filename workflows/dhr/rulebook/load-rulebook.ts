import { readFileSync } from 'node:fs';
import { mergeRulebook } from './merge-rulebook';
import rulebook2016Json from './rulebook-2016.json';
import { RulebookError } from './rulebook-error';
import { Rulebook } from './rulebook.types';
import { validateRulebook } from './validate-rulebook';

export const DEFAULT_RULEBOOK_ID = 'dhr-2016';

/** The shipped 2016 defaults, checked. */
export function defaultRulebook(): Rulebook {
  return validateRulebook(rulebook2016Json, 'rulebook-2016.json');
}

function readOverride(filePath: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new RulebookError(filePath, [`cannot read the file: ${(error as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RulebookError(filePath, [`not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RulebookError(filePath, ['the override must be a JSON object such as { "clocks": { ... } }']);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The rulebook to run new reviews under: the shipped 2016 defaults, with the JSON
 * file at `filePath` (RULEBOOK_FILE) laid over them when given. The override is
 * partial: any clock lengths, reminder offsets, owners or escalation settings of
 * some kinds (see mergeRulebook). Throws RulebookError naming the bad path.
 */
export function loadRulebook(filePath?: string): Rulebook {
  const base = defaultRulebook();
  if (filePath === undefined || filePath === '') {
    return base;
  }
  const merged = mergeRulebook(base, readOverride(filePath));
  return validateRulebook(merged, `${base.id} + ${filePath}`);
}
