/**
 * A panel paper's email is keyed by the share: the document, its kind (a fixed code, never free
 * text) and the instant it was shared. With the recipient, unique in Postgres (notifications), so
 * one share emails each agency contact on the panel once however often anything runs; sharing it
 * again after it was withdrawn is a new share, and a new email. The email, built when sent, reads
 * the document and its kind back from the key: no names, no title.
 */
export function panelPaperKey(documentId: string, kind: string, sharedAt: Date): string {
  return `panel-paper:${documentId}:${kind}:${sharedAt.getTime()}`;
}

export interface PanelPaperFacts {
  documentId: string;
  kind: string;
}

/** The document and kind a panel-paper key names; null for any other key. */
export function panelPaperOf(alarmKey: string | null | undefined): PanelPaperFacts | null {
  const match = /^panel-paper:([0-9a-f-]{36}):([a-z_]+):\d+$/i.exec(alarmKey ?? '');
  return match ? { documentId: match[1], kind: match[2] } : null;
}
