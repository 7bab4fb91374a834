import { applyEmailSettingsEdit, PartnershipEmailSettings } from './partnership-email-settings';

const NONE: PartnershipEmailSettings = { senderName: null, senderEmail: null, contactName: null, contactEmail: null };
const SET: PartnershipEmailSettings = {
  senderName: 'Croydon DHR team',
  senderEmail: 'dhr@croydon.gov.uk',
  contactName: 'Ana Patel',
  contactEmail: 'ana.patel@croydon.gov.uk',
};

describe('a partnership’s email settings', () => {
  it('keeps what the edit leaves out, clears what it blanks, and trims the rest', () => {
    expect(applyEmailSettingsEdit(SET, { senderName: '  Croydon DHR  ' })).toEqual({
      settings: { ...SET, senderName: 'Croydon DHR' },
      problems: [],
    });
    expect(applyEmailSettingsEdit(SET, { senderName: '', senderEmail: null })).toEqual({
      settings: { ...SET, senderName: null, senderEmail: null },
      problems: [],
    });
  });

  it('holds the four settings only, whatever else the current row has', () => {
    const row = { ...NONE, id: 'p1', name: 'Croydon CSP', code: 'CROY' };
    expect(Object.keys(applyEmailSettingsEdit(row, {}).settings).sort()).toEqual([
      'contactEmail',
      'contactName',
      'senderEmail',
      'senderName',
    ]);
  });

  it('names each field at fault, in GOV.UK words', () => {
    const { problems } = applyEmailSettingsEdit(NONE, {
      senderName: 'x'.repeat(101),
      senderEmail: 'dhr@',
      contactName: 'Ana <Patel>',
      contactEmail: 'ana patel@croydon.gov.uk',
    });
    expect(problems).toEqual([
      { field: 'senderName', reason: 'Sender name must be 100 characters or fewer' },
      { field: 'senderEmail', reason: 'Enter an email address in the correct format, like dhr@croydon.gov.uk' },
      { field: 'contactName', reason: 'Contact name must not include < > " or \\' },
      { field: 'contactEmail', reason: 'Enter an email address in the correct format, like dhr.coordinator@croydon.gov.uk' },
    ]);
  });

  it('refuses what would break a From or Reply-To header', () => {
    for (const senderName of ['DHR\r\nBcc: x@evil.test', 'DHR "team"', 'DHR\\team', 'DHR\u0000']) {
      expect(applyEmailSettingsEdit(NONE, { senderName }).problems.map((p) => p.field)).toEqual(['senderName']);
    }
  });

  it('wants a contact’s name and address together', () => {
    expect(applyEmailSettingsEdit(NONE, { contactName: 'Ana Patel' }).problems).toEqual([
      { field: 'contactEmail', reason: 'Enter the contact’s email address, or remove the contact name' },
    ]);
    expect(applyEmailSettingsEdit(NONE, { contactEmail: 'ana.patel@croydon.gov.uk' }).problems).toEqual([
      { field: 'contactName', reason: 'Enter the contact’s name, or remove the contact email address' },
    ]);
    expect(applyEmailSettingsEdit(SET, { contactName: '', contactEmail: '' }).problems).toEqual([]);
  });
});
