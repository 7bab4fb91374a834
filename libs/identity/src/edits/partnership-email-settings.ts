/** How a partnership's emails go out: the sender, and who recipients contact and reply to. Null: the default. */
export interface PartnershipEmailSettings {
  /** Sender name (null: MAIL_FROM's). */
  senderName: string | null;
  /** Sender address (null: MAIL_FROM's). */
  senderEmail: string | null;
  /** The person to contact and reply to (null: the partnership's coordinators). Set with contactEmail, or neither. */
  contactName: string | null;
  contactEmail: string | null;
}

export const EMAIL_SETTING_FIELDS = ['senderName', 'senderEmail', 'contactName', 'contactEmail'] as const;

/** A change to the settings: a field left out stays as it is; null or blank clears it. */
export type EmailSettingsEdit = Partial<Record<keyof PartnershipEmailSettings, string | null>>;

type Problem = { field: string; reason: string };

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
/** Characters that would change a From or Reply-To header's meaning, or break it across lines. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const HEADER_UNSAFE = /[<>"\\\u0000-\u001f\u007f]/;

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * The settings after an edit, or the problems with it in GOV.UK words (one per field).
 * Names go into email headers (From, Reply-To), so they are checked for what would change them.
 */
export function applyEmailSettingsEdit(
  current: PartnershipEmailSettings,
  edit: EmailSettingsEdit,
): { settings: PartnershipEmailSettings; problems: Problem[] } {
  // Only the four settings, whatever else `current` holds (it may be the partnership's row).
  const settings = Object.fromEntries(
    EMAIL_SETTING_FIELDS.map((field) => [field, edit[field] !== undefined ? blankToNull(edit[field]) : current[field]]),
  ) as unknown as PartnershipEmailSettings;
  const problems: Problem[] = [];
  const name = (field: 'senderName' | 'contactName', label: string, max: number) => {
    const value = settings[field];
    if (value === null) return;
    if (value.length > max) problems.push({ field, reason: `${label} must be ${max} characters or fewer` });
    else if (HEADER_UNSAFE.test(value)) problems.push({ field, reason: `${label} must not include < > " or \\` });
  };
  const address = (field: 'senderEmail' | 'contactEmail', like: string) => {
    const value = settings[field];
    if (value !== null && (value.length > 254 || !EMAIL.test(value))) {
      problems.push({ field, reason: `Enter an email address in the correct format, like ${like}` });
    }
  };
  name('senderName', 'Sender name', 100);
  address('senderEmail', 'dhr@croydon.gov.uk');
  name('contactName', 'Contact name', 200);
  address('contactEmail', 'dhr.coordinator@croydon.gov.uk');
  // A contact is a person to reply to: a name without an address (or the other way round) is half of one.
  if (settings.contactName !== null && settings.contactEmail === null && !problems.some((p) => p.field === 'contactEmail')) {
    problems.push({ field: 'contactEmail', reason: 'Enter the contact’s email address, or remove the contact name' });
  }
  if (settings.contactEmail !== null && settings.contactName === null && !problems.some((p) => p.field === 'contactName')) {
    problems.push({ field: 'contactName', reason: 'Enter the contact’s name, or remove the contact email address' });
  }
  return { settings, problems };
}
