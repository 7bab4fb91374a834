import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEADLINE_KINDS } from '@dhr/workflows/dhr/contract';
import { defaultRulebook, loadRulebook, Rulebook, RulebookError, validateRulebook } from './index';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rulebook-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function overrideFile(content: unknown): string {
  fileCount += 1;
  const path = join(dir, `override-${fileCount}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function loadError(content: unknown): RulebookError {
  try {
    loadRulebook(overrideFile(content));
  } catch (error) {
    if (error instanceof RulebookError) return error;
    throw error;
  }
  throw new Error('expected a RulebookError');
}

/** A deep, mutable copy of the default rulebook, for validation tests. */
function editableDefault(): { id: string; clocks: Record<string, Record<string, unknown>> } {
  return JSON.parse(JSON.stringify(defaultRulebook()));
}

describe('the 2016 rulebook', () => {
  const rulebook: Rulebook = loadRulebook();

  it('has a rule for every deadline kind', () => {
    expect(rulebook.id).toBe('dhr-2016');
    expect(Object.keys(rulebook.clocks).sort()).toEqual([...DEADLINE_KINDS].sort());
  });

  it('has the default lengths and owners of the table', () => {
    const summary = Object.fromEntries(DEADLINE_KINDS.map((kind) => [kind, [rulebook.clocks[kind].length, rulebook.clocks[kind].owner]]));
    expect(summary).toEqual({
      decision: [{ months: 1 }, 'csp_chair_coordinator'],
      home_office_notice: [{ months: 1 }, 'coordinator'],
      scoping_return: [{ workingDays: 10 }, 'agency'],
      imr: [{ weeks: 6 }, 'agency'],
      completion: [{ months: 6 }, 'chair_coordinator'],
      family_response: [{ weeks: 4 }, 'family_liaison'],
      commissioner_copy: [{ weeks: 4 }, 'coordinator'],
      publication: [{ weeks: 4 }, 'coordinator'],
      action: [{ days: 0 }, 'agency'],
      home_office_submission: [{ weeks: 2 }, 'coordinator'],
      qa_resubmission: [{ months: 2 }, 'chair_coordinator'],
      keep_online: [{ months: 12 }, 'coordinator'],
    });
  });

  it('reminds 14, 7 and 1 days before and escalates after 7 days, every 7 days', () => {
    for (const kind of DEADLINE_KINDS) {
      expect(rulebook.clocks[kind].reminders).toEqual([{ days: 14 }, { days: 7 }, { days: 1 }]);
      expect(rulebook.clocks[kind].escalation).toEqual({
        firstTo: 'coordinators',
        after: { days: 7 },
        repeatEvery: { days: 7 },
        maxRepeats: 0,
      });
    }
  });

  it('falls due at 5pm, sends the digest at 8am and holds only publication for a trial or an inquest', () => {
    expect(rulebook.dueTime).toBe('17:00');
    expect(rulebook.digestTime).toBe('08:00');
    expect(rulebook.holdScopes).toEqual({
      criminal_trial: 'publication',
      inquest: 'publication',
      iopc: 'review',
      other_review: 'review',
      other: 'review',
    });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(rulebook.clocks.imr.length)).toBe(true);
    expect(Object.isFrozen(rulebook.clocks.imr.reminders)).toBe(true);
  });

  it('treats an empty RULEBOOK_FILE as unset', () => {
    expect(loadRulebook('')).toEqual(rulebook);
  });
});

describe('RULEBOOK_FILE override', () => {
  it('replaces lengths and reminder lists of the kinds it names, and nothing else', () => {
    const rulebook = loadRulebook(
      overrideFile({
        clocks: {
          imr: { length: { days: 30 }, reminders: [{ days: 1 }, { days: 10 }, { days: 3 }] },
          decision: { reminders: [{ days: 2 }] },
        },
      }),
    );
    expect(rulebook.id).toBe('dhr-2016');
    expect(rulebook.clocks.imr.length).toEqual({ days: 30 }); // not { weeks: 6, days: 30 }
    expect(rulebook.clocks.imr.reminders).toEqual([{ days: 10 }, { days: 3 }, { days: 1 }]); // sorted
    expect(rulebook.clocks.imr.owner).toBe('agency');
    expect(rulebook.clocks.decision.length).toEqual({ months: 1 });
    expect(rulebook.clocks.decision.reminders).toEqual([{ days: 2 }]);
    expect(rulebook.clocks.completion).toEqual(defaultRulebook().clocks.completion);
  });

  it('merges escalation settings field by field', () => {
    const rulebook = loadRulebook(overrideFile({ clocks: { imr: { escalation: { repeatEvery: { days: 3 } } } } }));
    expect(rulebook.clocks.imr.escalation).toEqual({
      firstTo: 'coordinators',
      after: { days: 7 },
      repeatEvery: { days: 3 },
      maxRepeats: 0,
    });
  });

  it('merges hold scopes kind by kind and replaces the due and digest times', () => {
    const rulebook = loadRulebook(overrideFile({ dueTime: '16:30', digestTime: '07:45', holdScopes: { iopc: 'publication' } }));
    expect(rulebook.dueTime).toBe('16:30');
    expect(rulebook.digestTime).toBe('07:45');
    expect(rulebook.holdScopes.iopc).toBe('publication');
    expect(rulebook.holdScopes.other_review).toBe('review');
  });

  it('names a bad time of day, hold scope or repeat cap', () => {
    const message = loadError({
      dueTime: '5pm',
      holdScopes: { criminal_trial: 'everything', parole: 'review' },
      clocks: { imr: { escalation: { maxRepeats: -1 } } },
    }).message;
    expect(message).toContain('dueTime must be a time of day such as "17:00"');
    expect(message).toContain('holdScopes.criminal_trial must be one of review, publication');
    expect(message).toContain('holdScopes.parole is not a hold kind');
    expect(message).toContain('clocks.imr.escalation.maxRepeats must be a non-negative integer');
  });

  it('allows second-long clocks for tests and demos, and its own id', () => {
    const rulebook = loadRulebook(
      overrideFile({
        id: 'demo-seconds',
        clocks: {
          decision: {
            length: { seconds: 60 },
            reminders: [{ seconds: 10 }, { seconds: 30 }],
            escalation: { after: { seconds: 20 }, repeatEvery: { seconds: 20 } },
          },
        },
      }),
    );
    expect(rulebook.id).toBe('demo-seconds');
    expect(rulebook.clocks.decision.length).toEqual({ seconds: 60 });
    expect(rulebook.clocks.decision.reminders).toEqual([{ seconds: 30 }, { seconds: 10 }]);
  });

  it.each([
    [{ clocks: { imr: { length: { weeks: -1 } } } }, 'clocks.imr.length.weeks must be a non-negative integer'],
    [{ clocks: { imr: { length: { weeks: 1.5 } } } }, 'clocks.imr.length.weeks must be a non-negative integer'],
    [{ clocks: { imr: { length: { weeks: '6' } } } }, 'clocks.imr.length.weeks must be a non-negative integer'],
    [{ clocks: { imr: { length: {} } } }, 'clocks.imr.length must have at least one unit'],
    [{ clocks: { imr: { length: { fortnights: 3 } } } }, 'clocks.imr.length.fortnights is not a duration unit'],
    [{ clocks: { imr: { reminders: [{ days: 7 }, { days: 0 }] } } }, 'clocks.imr.reminders[1] must be longer than zero'],
    [{ clocks: { imr: { reminders: { days: 7 } } } }, 'clocks.imr.reminders must be an array'],
    [{ clocks: { imr: { owner: 'police' } } }, 'clocks.imr.owner must be one of'],
    [{ clocks: { imr: { lenght: { days: 1 } } } }, 'clocks.imr.lenght is not a clock setting'],
    [{ clocks: { imrr: { length: { days: 1 } } } }, 'clocks.imrr is not a deadline kind'],
    [{ clocks: { imr: { escalation: { repeatEvery: { days: 0 } } } } }, 'clocks.imr.escalation.repeatEvery must be longer than zero'],
    [{ clocks: { imr: { escalation: { firstTo: 'csp_chair' } } } }, 'clocks.imr.escalation.firstTo must be "coordinators"'],
    [{ clocks: { imr: 6 } }, 'clocks.imr must be an object'],
    [{ clocks: [] }, 'clocks must be an object'],
    [{ id: '' }, 'id must be a non-empty string'],
    [{ version: 2 }, 'version is not a rulebook setting'],
  ])('rejects %j: %s', (override, message) => {
    const error = loadError(override);
    expect(error.message).toContain(message);
    expect(error.message).toContain('override-'); // names the file
  });

  it('reports every problem at once', () => {
    const error = loadError({ clocks: { imr: { length: { weeks: -1 } }, action: { owner: 'x' } } });
    expect(error.issues).toHaveLength(2);
  });

  it('rejects a file that is missing, not JSON or not an object', () => {
    expect(() => loadRulebook(join(dir, 'nope.json'))).toThrow(/nope\.json.*cannot read the file/);
    expect(loadError('{ "clocks": ').message).toContain('not valid JSON');
    expect(loadError('[1, 2]').message).toContain('must be a JSON object');
  });
});

describe('validateRulebook', () => {
  it('requires every deadline kind', () => {
    const rulebook = editableDefault();
    delete rulebook.clocks.action;
    expect(() => validateRulebook(rulebook, 'test')).toThrow('Invalid rulebook (test): clocks.action is missing');
  });

  it('checks the whole shape', () => {
    const rulebook = editableDefault();
    rulebook.clocks.publication.escalation = { firstTo: 'coordinators', after: { days: -7 }, repeatEvery: { days: 7 } };
    expect(() => validateRulebook(rulebook, 'test')).toThrow('clocks.publication.escalation.after.days must be a non-negative integer');
    expect(() => validateRulebook(null, 'test')).toThrow('must be a JSON object');
  });
});
