// A Mermaid stateDiagram-v2 generated from the DHR v3 machine definition, for the
// README. Generated, never hand-written, so it cannot drift from the chart.
//
// Only stage-changing transitions are drawn (events that just record a fact in the
// same stage would bury the flow). Mermaid places a state inside whatever composite
// block first mentions it, so each edge is written in the block of the nearest
// composite containing both ends.
import { dhrMachineV3 } from './dhr.machine';

type StateNode = (typeof dhrMachineV3)['root'];
type TransitionDefinition = NonNullable<StateNode['always']>[number];

interface Edge {
  source: StateNode;
  target: StateNode;
  label: string;
}

export function stageDiagramMermaid(): string {
  const root = dhrMachineV3.root;
  assertUniqueKeys(root);
  const edges = collapseSharedEdges(root, allDescendants(root).flatMap(edgesFrom));
  return ['stateDiagram-v2', ...renderBlock(root, edges, 1)].join('\n') + '\n';
}

function renderBlock(parent: StateNode, edges: Edge[], depth: number): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  const initial = parent.initial?.target[0];
  if (initial) lines.push(`${indent}[*] --> ${initial.key}`);
  for (const child of Object.values(parent.states)) {
    if (child.type === 'history') {
      lines.push(`${indent}state "H${child.history === 'deep' ? '*' : ''}" as ${child.key}`);
    } else if (child.type === 'compound') {
      lines.push(`${indent}state ${child.key} {`, ...renderBlock(child, edges, depth + 1), `${indent}}`);
    }
  }
  for (const edge of edges) {
    if (nearestCommonComposite(edge.source, edge.target) === parent) {
      lines.push(`${indent}${edge.source.key} --> ${edge.target.key} : ${edge.label}`);
    }
  }
  for (const child of Object.values(parent.states)) {
    if (child.type === 'final') lines.push(`${indent}${child.key} --> [*]`);
  }
  return lines;
}

function edgesFrom(node: StateNode): Edge[] {
  const onEvent = [...node.transitions.values()].flat().map((transition) => ({ transition, trigger: transition.eventType }));
  const automatic = (node.always ?? []).map((transition) => ({ transition, trigger: '(automatic)' }));
  return [...onEvent, ...automatic].flatMap(({ transition, trigger }) =>
    (transition.target ?? [])
      .filter((target) => target !== node)
      .map((target) => ({ source: node, target, label: labelOf(trigger, transition) })),
  );
}

function labelOf(trigger: string, transition: TransitionDefinition): string {
  const guard = guardName(transition.guard);
  return guard ? `${trigger} [${guard}]` : trigger;
}

function guardName(guard: TransitionDefinition['guard']): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return combinedGuardName(guard) ?? 'guard';
  return guard.type;
}

/**
 * XState's higher-order guards (`and`, `or`, `not`) are functions of that name that
 * carry their operands as `guards`: drawn as `a and b`, `a or b`, `not a`.
 */
function combinedGuardName(guard: object): string | undefined {
  const { name, guards } = guard as { name?: string; guards?: TransitionDefinition['guard'][] };
  if (!Array.isArray(guards) || !['and', 'or', 'not'].includes(name ?? '')) return undefined;
  const operands = guards.map((operand) => guardName(operand) ?? 'guard');
  return name === 'not' ? `not ${operands.join(' ')}` : operands.join(` ${name} `);
}

/**
 * An edge that every stage of a composite has alike (PUT_ON_HOLD) is drawn once,
 * from the composite, instead of once per stage.
 */
function collapseSharedEdges(root: StateNode, edges: Edge[]): Edge[] {
  let result = edges;
  for (const composite of allDescendants(root).filter((node) => node.type === 'compound')) {
    const stages = Object.values(composite.states).filter((node) => node.type !== 'history');
    const sameAs = (a: Edge, b: Edge) => a.target === b.target && a.label === b.label;
    const shared = result.filter(
      (edge) =>
        edge.source === stages[0] &&
        !isInside(edge.target, composite) &&
        stages.every((stage) => result.some((other) => other.source === stage && sameAs(other, edge))),
    );
    for (const edge of shared) {
      result = result.filter((other) => !(stages.includes(other.source) && sameAs(other, edge)));
      result.push({ source: composite, target: edge.target, label: edge.label });
    }
  }
  return result;
}

function nearestCommonComposite(a: StateNode, b: StateNode): StateNode {
  let candidate = a.parent;
  while (candidate && !isInside(b, candidate)) candidate = candidate.parent;
  return candidate ?? dhrMachineV3.root;
}

function isInside(node: StateNode, ancestor: StateNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

function allDescendants(node: StateNode): StateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...allDescendants(child)]);
}

/** Mermaid ids are the state keys, so they must be unique across the whole chart. */
function assertUniqueKeys(root: StateNode): void {
  const keys = allDescendants(root).map((node) => node.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) throw new Error(`State key "${duplicate}" is not unique; the Mermaid ids would clash`);
}
