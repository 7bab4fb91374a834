import { longDate, time } from './dates';
import { EVENT_FORMS } from './event-forms';
import { STAGE_WORDS } from './review-words';

export interface HistoryEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string; name: string } | null;
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
  EXTEND_DEADLINE: 'Deadline extended',
  WITHDRAW_REQUEST: 'Request withdrawn',
  HOME_OFFICE_RESPONSE: 'Home Office response recorded',
  RECONSIDER_DECISION: 'Decision reconsidered',
};

const FREE_TEXT = ['rationale', 'reason', 'notes', 'note', 'description'];

/** "2 October 2026, 2:30pm" in Europe/London. */
export function dateTime(value: string): string {
  return `${longDate(value)}, ${time(value)}`;
}

export function eventWords(type: string): string {
  return EVENT_FORMS[type as keyof typeof EVENT_FORMS]?.recorded ?? OTHER_WORDS[type] ?? sentence(type);
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
    for (const key of FREE_TEXT) if (typeof entry.payload[key] === 'string') details.push(entry.payload[key] as string);
    if (entry.toStage && entry.toStage !== entry.fromStage)
      details.push(`Stage: ${STAGE_WORDS[entry.toStage as keyof typeof STAGE_WORDS] ?? entry.toStage}`);
    const recordedLater = new Date(entry.recordedAt).getTime() - new Date(entry.occurredAt).getTime() > 60 * 60_000;
    return {
      label: eventWords(entry.type),
      byline: entry.actor?.name ?? 'the service',
      timestamp: entry.occurredAt,
      date: dateTime(entry.occurredAt),
      recorded: recordedLater ? dateTime(entry.recordedAt) : null,
      details,
    };
  });
}
