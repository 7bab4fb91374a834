import type { PersistedSnapshot, SnapshotMigration, WorkflowVersion } from './workflow-version';

/**
 * The workflow versions this build knows, and the migrations between them.
 * New reviews start on `current`; running reviews stay on the version they
 * started under until explicitly migrated.
 */
export class WorkflowRegistry {
  private readonly versions = new Map<number, WorkflowVersion>();
  private readonly migrations = new Map<number, SnapshotMigration>();

  constructor(
    readonly name: string,
    versions: WorkflowVersion[],
    migrations: SnapshotMigration[] = [],
  ) {
    for (const v of versions) {
      if (v.name !== name) throw new Error(`workflow ${v.name} registered under ${name}`);
      this.versions.set(v.version, v);
    }
    for (const m of migrations) {
      if (!this.versions.has(m.from) || !this.versions.has(m.to) || m.to !== m.from + 1) {
        throw new Error(`migration ${m.name} must go from a known version to the next one`);
      }
      this.migrations.set(m.from, m);
    }
  }

  /** The versions this build can run, oldest first. */
  get versionNumbers(): number[] {
    return [...this.versions.keys()].sort((a, b) => a - b);
  }

  get current(): WorkflowVersion {
    return this.get(Math.max(...this.versions.keys()));
  }

  get(version: number): WorkflowVersion {
    const found = this.versions.get(version);
    if (!found) throw new Error(`${this.name} workflow version ${version} is not in this build`);
    return found;
  }

  /**
   * Walks a snapshot forward one version at a time, checking after each step that
   * the target version can read it (a bad migration fails here, not at the next event).
   */
  migrate(snapshot: PersistedSnapshot, from: number, to: number): PersistedSnapshot {
    if (to < from) throw new Error('workflows only migrate forward');
    let current = snapshot;
    for (let version = from; version < to; version++) {
      const step = this.migrations.get(version);
      if (!step) throw new Error(`no migration from ${this.name} v${version} to v${version + 1}`);
      current = step.migrate(current);
      this.get(version + 1).view(current);
    }
    return current;
  }
}
