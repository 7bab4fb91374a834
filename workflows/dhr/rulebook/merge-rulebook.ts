import { Rulebook } from './rulebook.types';

type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The base rulebook with a partial override laid over it. Objects are merged down to
 * the settings of one clock (and of its escalation); a duration or a reminder list is
 * a single value and is replaced whole, so `{ "length": { "days": 30 } }` over
 * `{ "weeks": 6 }` means 30 days, not 6 weeks and 30 days. The result is unchecked:
 * validateRulebook reports anything wrong in it, unknown kinds and settings included.
 */
export function mergeRulebook(base: Rulebook, override: JsonObject): JsonObject {
  const { clocks: clocksOverride, holdScopes: holdScopesOverride, ...rootOverride } = override;
  const merged: JsonObject = { ...base, ...rootOverride };
  if (holdScopesOverride !== undefined) {
    merged.holdScopes = isPlainObject(holdScopesOverride) ? { ...base.holdScopes, ...holdScopesOverride } : holdScopesOverride;
  }
  if (clocksOverride === undefined) {
    return merged;
  }
  if (!isPlainObject(clocksOverride)) {
    return { ...merged, clocks: clocksOverride };
  }
  const baseClocks: JsonObject = { ...base.clocks };
  const clocks: JsonObject = { ...baseClocks };
  for (const [kind, clockOverride] of Object.entries(clocksOverride)) {
    const baseClock = baseClocks[kind];
    clocks[kind] = isPlainObject(baseClock) && isPlainObject(clockOverride) ? mergeClock(baseClock, clockOverride) : clockOverride;
  }
  return { ...merged, clocks };
}

function mergeClock(base: JsonObject, override: JsonObject): JsonObject {
  const merged: JsonObject = { ...base, ...override };
  if (isPlainObject(base.escalation) && isPlainObject(override.escalation)) {
    merged.escalation = { ...base.escalation, ...override.escalation };
  }
  return merged;
}
