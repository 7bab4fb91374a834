/** A GOV.UK error summary and the inline messages, from field → message (in page order). */
export interface FormErrors {
  list: { text: string; href: string }[];
  field: Record<string, { text: string }>;
}

export function formErrors(messages: Record<string, string>): FormErrors {
  const entries = Object.entries(messages);
  return {
    list: entries.map(([field, text]) => ({ text, href: `#${field}` })),
    field: Object.fromEntries(entries.map(([field, text]) => [field, { text }])),
  };
}
