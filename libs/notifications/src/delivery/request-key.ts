/**
 * Request emails are keyed by the event that made them: the review and the event's position in
 * its history. With the recipient, unique in Postgres (notifications), so an event notifies each
 * person once however often anything runs; and the email, built when sent, reads that event back.
 */
export function requestKey(reviewId: string, seq: number): string {
  return `event:${reviewId}:${seq}`;
}

/** The history position a request key names; null for any other key (an alarm's, a meeting's). */
export function eventSeqOf(alarmKey: string | null | undefined): number | null {
  const match = /^event:[0-9a-f-]{36}:(\d+)$/i.exec(alarmKey ?? '');
  return match ? Number(match[1]) : null;
}
