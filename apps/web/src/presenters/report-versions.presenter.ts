// Which report versions a sign-off, a Home Office submission or a publication records
// (v3): the latest of each part in the file, shown on the form and the check page so
// the person sees what goes on the record before recording it.
const PARTS = [
  { type: 'overview_report', words: 'Overview report' },
  { type: 'executive_summary', words: 'Executive summary' },
  { type: 'action_plan', words: 'Action plan' },
];

/** The events that name the report's versions. */
const NAMES_VERSIONS = ['CSP_SIGN_OFF', 'SUBMIT_TO_HOME_OFFICE', 'PUBLISH'];

interface FileDocument {
  type: string;
  title: string | null;
  version: number;
}

/** Summary-list rows of the versions an event of `type` will record, or null for other events. */
export function reportVersionRows(type: string, review: object) {
  if (!NAMES_VERSIONS.includes(type)) return null;
  // The documents part of the Review comes from the documents domain (an extension's field).
  const documents = (review as { documents?: FileDocument[] }).documents;
  return PARTS.map(({ type: partType, words }) => {
    // The file lists documents oldest first: the newest of a type is the one recorded.
    const latest = (documents ?? []).filter((d) => d.type === partType).at(-1);
    const value = latest ? `Version ${latest.version}${latest.title ? ` – ${latest.title}` : ''}` : 'None in the file';
    return { key: { text: words }, value: { text: value } };
  });
}
