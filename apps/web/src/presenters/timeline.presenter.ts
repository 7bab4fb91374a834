import { dueDate, longDate, time } from './dates';
import { HOLD_KINDS, recordedWords } from './event-forms';
import { DEADLINE_WORDS, STAGE_WORDS } from './review-words';

export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string; name: string } | null;
  /** A chair's or CSP chair's step the actor (a coordinator) recorded for them, and what records it. */
  onBehalfOf?: { id: string; name: string } | null;
  evidence?: string | null;
  agencyName: string | null;
  occurredAt: string;
  recordedAt: string;
  fromStage: string | null;
  toStage: string | null;
}

/** History entries that are not events of the catalogue, in words. */
const OTHER_WORDS: Record<string, string> = {
  NOTIFIED: 'Notification recorded',
  SUBMIT_DRAFT: 'Draft report submitted',
  WORKFLOW_MIGRATED: 'Review moved to a newer version of the process',
  EXTEND_DEADLINE: 'Due date changed',
  WITHDRAW_REQUEST: 'Request withdrawn',
  HOME_OFFICE_RESPONSE: 'Home Office response recorded',
  RECONSIDER_DECISION: 'Decision reconsidered',
};

const FREE_TEXT = ['rationale', 'reason', 'notes', 'note', 'description'];

/** "2 October 2026, 2:30pm" in Europe/London. */
export function dateTime(value: string): string {
  return `${longDate(value)}, ${time(value)}`;
}

export function eventWords(type: string, payload: Record<string, unknown> = {}): string {
  return recordedWords(type, payload) ?? OTHER_WORDS[type] ?? sentence(type);
}

const REQUEST_WORDS: Record<string, string> = { scoping: 'Scoping information', imr: 'IMR (individual management review)' };

/** What a deadline change, a withdrawn request or a hold concerned, in words. */
function v2Details(entry: HistoryEntry): string[] {
  const p = entry.payload;
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
  switch (entry.type) {
    case 'EXTEND_DEADLINE': {
      const kind = text('kind');
      const from = text('previousDueAt');
      const to = text('dueAt');
      return [
        ...(kind ? [`Deadline: ${DEADLINE_WORDS[kind as keyof typeof DEADLINE_WORDS] ?? kind}`] : []),
        ...(from && to ? [`Due date moved from ${dueDate(from)} to ${dueDate(to)}`] : to ? [`Now due ${dueDate(to)}`] : []),
      ];
    }
    case 'WITHDRAW_REQUEST':
      return text('kind') ? [`Request: ${REQUEST_WORDS[text('kind')!] ?? text('kind')}`] : [];
    case 'PUT_ON_HOLD': {
      const kind = HOLD_KINDS.find((k) => k.value === text('kind'))?.text;
      return [
        ...(kind ? [`Because of: ${kind[0].toLowerCase()}${kind.slice(1)}`] : []),
        ...(text('scope') === 'publication' ? ['Publication only: work on the review carries on'] : []),
        ...(text('reference') ? [`Reference: ${text('reference')}`] : []),
      ];
    }
    default:
      return [];
  }
}

const PART_WORDS: Record<string, string> = {
  overviewReport: 'Overview report',
  executiveSummary: 'Executive summary',
  actionPlan: 'Action plan',
};

/** v3's statutory record: the report versions an event was about, amendments, the time online, who signed an IMR off. */
function recordDetails(entry: HistoryEntry): string[] {
  const p = entry.payload;
  const details: string[] = [];
  const documents = p.documents as Record<string, { version: number } | null> | undefined;
  if (documents && typeof documents === 'object')
    for (const [part, ref] of Object.entries(documents))
      if (ref && PART_WORDS[part]) details.push(`${PART_WORDS[part]}: version ${ref.version}`);
  if (typeof p.amendments === 'string') details.push(`Amendments since the approved version: ${p.amendments}`);
  if (typeof p.keepOnlineUntil === 'string') details.push(`Kept online until ${dueDate(p.keepOnlineUntil)}`);
  if (typeof p.organisation === 'string') details.push(`Advocacy service: ${p.organisation}`);
  if (typeof p.signedOffBy === 'string') details.push(`Signed off by ${p.signedOffBy}`);
  return details;
}

const DEATH_TYPE_WORDS: Record<string, string> = {
  homicide: 'a homicide',
  suicide: 'a suicide after domestic abuse',
  other: 'something else',
};

/** A CSP decision's record (v3): the kind of death and who made it (a CSP chair by name, or the role the coordinator gave). */
function decisionDetails(entry: HistoryEntry, userName: (id: string) => string | null): string[] {
  const p = entry.payload;
  const details: string[] = [];
  if (typeof p.deathType === 'string') {
    const described = p.deathType === 'other' && typeof p.deathTypeDescription === 'string' ? p.deathTypeDescription : null;
    details.push(`Kind of death: ${described ?? DEATH_TYPE_WORDS[p.deathType] ?? p.deathType}`);
  }
  const by = p.decidedBy as { userId?: unknown; role?: unknown } | null | undefined;
  if (by && typeof by.userId === 'string') details.push(`Decided by: ${userName(by.userId) ?? 'a former user'}`);
  else if (by && typeof by.role === 'string') details.push(`Decided by: ${by.role}`);
  return details;
}

/** The people a history entry names by id (a chair appointed, a CSP chair who decided), for looking up their names. */
export function namedUserIds(history: HistoryEntry[]): string[] {
  return history.flatMap((e) => {
    const by = e.payload.decidedBy as { userId?: unknown } | null | undefined;
    return [e.payload.userId, by?.userId].filter((id): id is string => typeof id === 'string');
  });
}

function sentence(type: string): string {
  const words = type.toLowerCase().replace(/_/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
}

/**
 * The review's history as MoJ timeline items, newest first: the event in words, who did it
 * by name, when it happened, and what it concerned (an agency, a person, the reason given).
 * Ids never appear: a person named in the payload is looked up by `userName`.
 */
export function timelineItems(history: HistoryEntry[], userName: (id: string) => string | null) {
  return [...history].reverse().map((entry) => {
    const details: string[] = [];
    if (entry.agencyName) details.push(`Agency: ${entry.agencyName}`);
    const userId = entry.payload.userId;
    if (typeof userId === 'string') details.push(`Chair: ${userName(userId) ?? 'a former user'}`);
    if (entry.type === 'NOTIFIED' && typeof entry.payload.notifiedBy === 'string') details.push(`Notified by ${entry.payload.notifiedBy}`);
    if (typeof entry.payload.periodFrom === 'string' && typeof entry.payload.periodTo === 'string')
      details.push(`Period covered: ${longDate(entry.payload.periodFrom)} to ${longDate(entry.payload.periodTo)}`);
    details.push(...v2Details(entry), ...decisionDetails(entry, userName), ...recordDetails(entry));
    if (entry.onBehalfOf && entry.evidence) details.push(`Evidence: ${entry.evidence}`);
    for (const key of FREE_TEXT) if (typeof entry.payload[key] === 'string') details.push(entry.payload[key] as string);
    if (entry.toStage && entry.toStage !== entry.fromStage)
      details.push(`Stage: ${STAGE_WORDS[entry.toStage as keyof typeof STAGE_WORDS] ?? entry.toStage}`);
    const recordedLater = new Date(entry.recordedAt).getTime() - new Date(entry.occurredAt).getTime() > 60 * 60_000;
    return {
      label: eventWords(entry.type, entry.payload),
      byline: entry.onBehalfOf
        ? `${entry.actor?.name ?? 'the service'} on behalf of ${entry.onBehalfOf.name}`
        : (entry.actor?.name ?? 'the service'),
      timestamp: entry.occurredAt,
      date: dateTime(entry.occurredAt),
      recorded: recordedLater ? dateTime(entry.recordedAt) : null,
      details,
    };
  });
}
