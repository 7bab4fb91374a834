// The small API the reviews service calls: start a review, apply one event, view a
// snapshot. Everything here is pure; snapshots go in and out as plain JSON.
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { dhrMachineV3 } from './dhr.machine';
import { probeEvents } from './dhr.probe';
import { DHR_EFFECT_TYPES } from './dhr.setup';
import type { CommissionedStage } from './dhr.shared-transitions';
import { DHR_EVENT_TYPES, type DhrContext, type DhrEffect, type DhrEvent, type DhrEventType, type DhrInput, type Stage } from './dhr.types';

export type DhrSnapshot = SnapshotFrom<typeof dhrMachineV3>;

/** Where the machine is: a top-level state, or a stage inside `commissioned`. */
export type DhrStateValue = 'notification' | 'not_commissioned' | { commissioned: CommissionedStage } | 'on_hold' | 'closed';

/**
 * The persisted form of a DHR v3 snapshot: plain JSON (for a jsonb column). The
 * history value records the stage to RESUME to while on hold.
 */
export interface PersistedDhrSnapshot {
  status: 'active' | 'done';
  value: DhrStateValue;
  context: DhrContext;
  historyValue: Record<string, { id: string }[]>;
  children: Record<string, never>;
}

export type ApplyOutcome =
  | { ok: true; snapshot: PersistedDhrSnapshot; effects: DhrEffect[]; fromStage: Stage; toStage: Stage }
  | { ok: false; stage: Stage; allowedEvents: DhrEventType[] };

export interface DhrView {
  stage: Stage;
  onHold: boolean;
  allowedEvents: DhrEventType[];
  context: DhrContext;
}

export function start(input: DhrInput): { snapshot: PersistedDhrSnapshot; effects: DhrEffect[] } {
  const [snapshot, actions] = initialTransition(dhrMachineV3, input);
  return { snapshot: persistDhrSnapshot(snapshot), effects: effectsOf(actions) };
}

/** Applies one event, or refuses it (snapshot untouched) when the current state does not accept it. */
export function apply(persisted: PersistedDhrSnapshot, event: DhrEvent): ApplyOutcome {
  const before = restoreDhrSnapshot(persisted);
  const fromStage = stageOf(before);
  if (!before.can(event)) {
    return { ok: false, stage: fromStage, allowedEvents: allowedEventsOf(before) };
  }
  const [after, actions] = transition(dhrMachineV3, before, event);
  return {
    ok: true,
    snapshot: persistDhrSnapshot(after),
    effects: effectsOf(actions),
    fromStage,
    toStage: stageOf(after),
  };
}

export function view(persisted: PersistedDhrSnapshot): DhrView {
  const snapshot = restoreDhrSnapshot(persisted);
  return {
    stage: stageOf(snapshot),
    onHold: snapshot.matches('on_hold'),
    allowedEvents: allowedEventsOf(snapshot),
    context: snapshot.context,
  };
}

export const DHR_WORKFLOW_V3 = { name: 'dhr', version: 3, machine: dhrMachineV3, start, apply, view } as const;

/**
 * A plain-JSON copy of the machine's persisted snapshot, so what is stored is
 * exactly what comes back (no `undefined` fields, no shared references).
 */
export function persistDhrSnapshot(snapshot: DhrSnapshot): PersistedDhrSnapshot {
  return JSON.parse(JSON.stringify(dhrMachineV3.getPersistedSnapshot(snapshot))) as PersistedDhrSnapshot;
}

/**
 * Rebuilds a live snapshot without an actor. `resolveState` does not revive the
 * persisted history value (node ids) by itself, so it is mapped back to state nodes
 * here; without it RESUME would fall back to the history default.
 */
export function restoreDhrSnapshot(persisted: PersistedDhrSnapshot): DhrSnapshot {
  const historyValue = Object.fromEntries(
    Object.entries(persisted.historyValue ?? {}).map(([historyId, nodes]) => [
      historyId,
      nodes.map((node) => dhrMachineV3.getStateNodeById(node.id)),
    ]),
  );
  return dhrMachineV3.resolveState({ value: persisted.value, context: persisted.context, historyValue });
}

/** The API's stage: while on hold, the stage the review was held in. */
export function stageOf(snapshot: DhrSnapshot): Stage {
  const value: DhrStateValue = snapshot.value;
  if (typeof value === 'object') return value.commissioned;
  if (value !== 'on_hold') return value;
  if (snapshot.context.holdStage === null) throw new Error('DHR snapshot is on hold without a hold stage');
  return snapshot.context.holdStage;
}

/** The event types the current state accepts for some payload, asked of the machine itself. */
export function allowedEventsOf(snapshot: DhrSnapshot): DhrEventType[] {
  return DHR_EVENT_TYPES.filter((type) => probeEvents(type, snapshot.context).some((event) => snapshot.can(event)));
}

/** The declared clock effects among the actions a transition returned, as DhrEffect objects. */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): DhrEffect[] {
  const effectTypes: readonly string[] = DHR_EFFECT_TYPES;
  return actions
    .filter((action) => effectTypes.includes(action.type))
    .map((action) => ({ type: action.type, ...(action.params as object) }) as DhrEffect);
}
