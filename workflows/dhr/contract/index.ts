// The version-independent face of the DHR workflow: the types every lib works with,
// whatever version a review runs under. Libs import from here, never from a version
// folder; the registry (libs/workflow) is the one place that knows the versions.
// The shapes are the current version's: older snapshots are migrated forward to it.
export * from '../v3/dhr.types';
