import { DEADLINE_KINDS, DeadlineKind } from '@dhr/workflows/dhr/contract';
import { Duration, DURATION_UNITS, durationIssues, durationLabel, isZeroDuration, nominalSeconds } from '../../../libs/clocks/src/time';
import { RulebookError } from './rulebook-error';
import { HOLD_KINDS, HOLD_SCOPES, HoldKind, HoldScope } from '@dhr/workflows/dhr/contract';
import { CLOCK_OWNERS, ClockOwner, ClockRule, EscalationRule, Rulebook } from './rulebook.types';

const ROOT_KEYS = ['id', 'description', 'dueTime', 'digestTime', 'holdScopes', 'clocks'] as const;
const CLOCK_KEYS = ['length', 'owner', 'reminders', 'escalation'] as const;
const ESCALATION_KEYS = ['firstTo', 'after', 'repeatEvery', 'maxRepeats'] as const;

/** Defaults for the settings a rulebook written before them leaves out. */
export const RULEBOOK_DEFAULTS = {
  dueTime: '17:00',
  digestTime: '08:00',
  holdScopes: { criminal_trial: 'publication', inquest: 'publication', iopc: 'review', other_review: 'review', other: 'review' },
  maxRepeats: 0,
} as const satisfies { dueTime: string; digestTime: string; holdScopes: Record<HoldKind, HoldScope>; maxRepeats: number };

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeyIssues(value: JsonObject, path: string, allowed: readonly string[], what: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${join(path, key)} is not ${what} (use one of ${allowed.join(', ')})`);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isDeadlineKind(key: string): key is DeadlineKind {
  return (DEADLINE_KINDS as readonly string[]).includes(key);
}

function isClockOwner(value: unknown): value is ClockOwner {
  return typeof value === 'string' && (CLOCK_OWNERS as readonly string[]).includes(value);
}

/** Collects issues while reading a value; returns a placeholder where the value is bad. */
class Reader {
  readonly issues: string[] = [];

  duration(value: unknown, path: string, options: { positive: boolean }): Duration {
    const issues = durationIssues(value, path);
    if (issues.length > 0 || !isPlainObject(value)) {
      this.issues.push(...issues);
      return {};
    }
    // Keep only the unit fields, as plain numbers.
    const duration: { [unit: string]: number } = {};
    for (const unit of DURATION_UNITS) {
      const amount = value[unit];
      if (typeof amount === 'number') {
        duration[unit] = amount;
      }
    }
    if (options.positive && isZeroDuration(duration)) {
      this.issues.push(`${path} must be longer than zero`);
    }
    return duration;
  }

  /** Reminder offsets, sorted longest first, duplicates (same label) removed. */
  reminders(value: unknown, path: string): Duration[] {
    if (!Array.isArray(value)) {
      this.issues.push(`${path} must be an array of durations such as [{ "days": 7 }]`);
      return [];
    }
    const offsets = value.map((item, index) => this.duration(item, `${path}[${index}]`, { positive: true }));
    const byLabel = new Map(offsets.map((offset) => [durationLabel(offset), offset]));
    return [...byLabel.values()].sort((a, b) => nominalSeconds(b) - nominalSeconds(a));
  }

  escalation(value: unknown, path: string): EscalationRule {
    const fallback: EscalationRule = { firstTo: 'coordinators', after: {}, repeatEvery: {}, maxRepeats: 0 };
    if (!isPlainObject(value)) {
      this.issues.push(`${path} must be an object { firstTo, after, repeatEvery }`);
      return fallback;
    }
    this.issues.push(...unknownKeyIssues(value, path, ESCALATION_KEYS, 'an escalation setting'));
    if (value.firstTo !== 'coordinators') {
      this.issues.push(`${path}.firstTo must be "coordinators"`);
    }
    return {
      firstTo: 'coordinators',
      after: this.duration(value.after, `${path}.after`, { positive: false }),
      // Zero would fire every repeat at the same instant.
      repeatEvery: this.duration(value.repeatEvery, `${path}.repeatEvery`, { positive: true }),
      maxRepeats: this.count(value.maxRepeats ?? RULEBOOK_DEFAULTS.maxRepeats, `${path}.maxRepeats`),
    };
  }

  count(value: unknown, path: string): number {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    this.issues.push(`${path} must be a non-negative integer`);
    return 0;
  }

  /** A London time of day, "HH:MM" on the 24-hour clock. */
  timeOfDay(value: unknown, path: string): string {
    if (typeof value === 'string' && TIME_OF_DAY.test(value)) return value;
    this.issues.push(`${path} must be a time of day such as "17:00"`);
    return '00:00';
  }

  holdScopes(value: unknown, path: string): Record<HoldKind, HoldScope> {
    const scopes: Record<HoldKind, HoldScope> = { ...RULEBOOK_DEFAULTS.holdScopes };
    if (value === undefined) return scopes;
    if (!isPlainObject(value)) {
      this.issues.push(`${path} must be an object naming a scope per hold kind`);
      return scopes;
    }
    this.issues.push(...unknownKeyIssues(value, path, HOLD_KINDS, 'a hold kind'));
    for (const kind of HOLD_KINDS) {
      const scope = value[kind];
      if (scope === undefined) continue;
      if (typeof scope === 'string' && (HOLD_SCOPES as readonly string[]).includes(scope)) scopes[kind] = scope as HoldScope;
      else this.issues.push(`${path}.${kind} must be one of ${HOLD_SCOPES.join(', ')}`);
    }
    return scopes;
  }

  clock(value: unknown, path: string): ClockRule | undefined {
    if (!isPlainObject(value)) {
      this.issues.push(`${path} must be an object { length, owner, reminders, escalation }`);
      return undefined;
    }
    this.issues.push(...unknownKeyIssues(value, path, CLOCK_KEYS, 'a clock setting'));
    const owner = value.owner;
    if (!isClockOwner(owner)) {
      this.issues.push(`${path}.owner must be one of ${CLOCK_OWNERS.join(', ')}`);
    }
    return {
      length: this.duration(value.length, `${path}.length`, { positive: false }),
      owner: isClockOwner(owner) ? owner : 'coordinator',
      reminders: this.reminders(value.reminders, `${path}.reminders`),
      escalation: this.escalation(value.escalation, `${path}.escalation`),
    };
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const nested of Object.values(value)) {
      deepFreeze(nested);
    }
    Object.freeze(value);
  }
  return value;
}

/**
 * Checks a complete rulebook (every deadline kind present, durations made of
 * non-negative integers with at least one unit, known owners) and returns it
 * normalised (reminders sorted longest first) and frozen. Throws RulebookError
 * listing every problem, each named by its path, e.g.
 * `clocks.imr.length.weeks must be a non-negative integer`.
 */
export function validateRulebook(value: unknown, source: string): Rulebook {
  const reader = new Reader();
  if (!isPlainObject(value)) {
    throw new RulebookError(source, ['the rulebook must be a JSON object { id, clocks }']);
  }
  reader.issues.push(...unknownKeyIssues(value, '', ROOT_KEYS, 'a rulebook setting'));
  if (typeof value.id !== 'string' || value.id.trim() === '') {
    reader.issues.push('id must be a non-empty string');
  }
  if (value.description !== undefined && typeof value.description !== 'string') {
    reader.issues.push('description must be a string');
  }
  const clocks: Partial<Record<DeadlineKind, ClockRule>> = {};
  if (!isPlainObject(value.clocks)) {
    reader.issues.push('clocks must be an object with one entry per deadline kind');
  } else {
    for (const key of Object.keys(value.clocks)) {
      if (!isDeadlineKind(key)) {
        reader.issues.push(`clocks.${key} is not a deadline kind (use one of ${DEADLINE_KINDS.join(', ')})`);
      }
    }
    for (const kind of DEADLINE_KINDS) {
      const path = `clocks.${kind}`;
      if (value.clocks[kind] === undefined) {
        reader.issues.push(`${path} is missing`);
        continue;
      }
      const rule = reader.clock(value.clocks[kind], path);
      if (rule) {
        clocks[kind] = rule;
      }
    }
  }
  const dueTime = value.dueTime === null ? null : reader.timeOfDay(value.dueTime ?? RULEBOOK_DEFAULTS.dueTime, 'dueTime');
  const digestTime = reader.timeOfDay(value.digestTime ?? RULEBOOK_DEFAULTS.digestTime, 'digestTime');
  const holdScopes = reader.holdScopes(value.holdScopes, 'holdScopes');
  if (reader.issues.length > 0) {
    throw new RulebookError(source, reader.issues);
  }
  const rulebook: Rulebook = {
    id: String(value.id),
    ...(typeof value.description === 'string' ? { description: value.description } : {}),
    dueTime,
    digestTime,
    holdScopes,
    clocks: clocks as Record<DeadlineKind, ClockRule>, // every kind checked present above
  };
  return deepFreeze(rulebook);
}
