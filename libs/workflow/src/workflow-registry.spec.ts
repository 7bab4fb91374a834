import { initialDhrContext } from '@dhr/workflows/dhr/v3';
import { WorkflowRegistry } from './workflow-registry';
import type { PersistedSnapshot, SnapshotMigration, WorkflowVersion } from './workflow-version';

// Tiny stand-in versions: a snapshot records which version wrote it and the
// migration steps it went through, and `view` refuses a snapshot of another version.
interface FakeSnapshot {
  version: number;
  steps: string[];
}

const isFakeSnapshot = (snapshot: PersistedSnapshot): snapshot is FakeSnapshot =>
  typeof snapshot === 'object' && snapshot !== null && 'version' in snapshot && 'steps' in snapshot;

function fakeVersion(version: number, name = 'dhr'): WorkflowVersion {
  const context = initialDhrContext({ notifiedAt: '2026-01-01T00:00:00.000Z' });
  return {
    name,
    version,
    start: () => ({ snapshot: { version, steps: [] }, effects: [] }),
    apply: () => ({ ok: false, stage: 'notification', allowedEvents: [] }),
    view: (snapshot) => {
      if (!isFakeSnapshot(snapshot) || snapshot.version !== version) throw new Error(`v${version} cannot read this snapshot`);
      return { stage: 'notification', onHold: false, allowedEvents: [], context };
    },
  };
}

function step(from: number, to: number, rewrite: (s: FakeSnapshot) => FakeSnapshot = (s) => s): SnapshotMigration {
  return {
    name: `v${from}-to-v${to}`,
    from,
    to,
    migrate: (snapshot) => {
      if (!isFakeSnapshot(snapshot)) throw new Error('not a fake snapshot');
      return rewrite({ version: to, steps: [...snapshot.steps, `${from}->${to}`] });
    },
  };
}

const v1Snapshot: FakeSnapshot = { version: 1, steps: [] };

describe('WorkflowRegistry', () => {
  const threeVersions = () => new WorkflowRegistry('dhr', [fakeVersion(2), fakeVersion(1), fakeVersion(3)], [step(2, 3), step(1, 2)]);

  it('starts new reviews on the highest version, whatever the registration order', () => {
    expect(threeVersions().current.version).toBe(3);
  });

  it('refuses a version that is not in the build', () => {
    expect(() => threeVersions().get(4)).toThrow('dhr workflow version 4 is not in this build');
  });

  it('walks the migrations one version at a time, in order', () => {
    expect(threeVersions().migrate(v1Snapshot, 1, 3)).toEqual({ version: 3, steps: ['1->2', '2->3'] });
    expect(threeVersions().migrate(v1Snapshot, 1, 2)).toEqual({ version: 2, steps: ['1->2'] });
  });

  it('leaves a snapshot alone when it is already on the target version', () => {
    expect(threeVersions().migrate(v1Snapshot, 1, 1)).toBe(v1Snapshot);
  });

  it('refuses to migrate backwards', () => {
    expect(() => threeVersions().migrate({ version: 3, steps: [] }, 3, 1)).toThrow('workflows only migrate forward');
  });

  it('refuses a path with a missing step', () => {
    const gap = new WorkflowRegistry('dhr', [fakeVersion(1), fakeVersion(2), fakeVersion(3)], [step(1, 2)]);
    expect(() => gap.migrate(v1Snapshot, 1, 3)).toThrow('no migration from dhr v2 to v3');
  });

  it('fails at migration time when the target version cannot read what a migration produced', () => {
    const broken = step(1, 2, (s) => ({ ...s, version: 1 })); // forgets to mark the snapshot as v2
    const registry = new WorkflowRegistry('dhr', [fakeVersion(1), fakeVersion(2)], [broken]);
    expect(() => registry.migrate(v1Snapshot, 1, 2)).toThrow('v2 cannot read this snapshot');
  });

  it('refuses, when built, a migration between versions it does not have or that skips a version', () => {
    const versions = [fakeVersion(1), fakeVersion(2), fakeVersion(3)];
    expect(() => new WorkflowRegistry('dhr', versions, [step(3, 4)])).toThrow('migration v3-to-v4');
    expect(() => new WorkflowRegistry('dhr', versions, [step(0, 1)])).toThrow('migration v0-to-v1');
    expect(() => new WorkflowRegistry('dhr', versions, [step(1, 3)])).toThrow('migration v1-to-v3');
  });

  it('refuses a version of another workflow', () => {
    expect(() => new WorkflowRegistry('dhr', [fakeVersion(1), fakeVersion(2, 'other')])).toThrow('workflow other registered under dhr');
  });
});
