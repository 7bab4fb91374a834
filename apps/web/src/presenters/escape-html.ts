/** Text made safe inside HTML a presenter builds (a task hint with a link, a tag beside a date). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
