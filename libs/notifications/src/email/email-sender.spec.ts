import { emailSender, parseMailbox, PartnershipEmailFacts } from './email-sender';

const facts = (overrides: Partial<PartnershipEmailFacts> = {}): PartnershipEmailFacts => ({
  name: 'Croydon CSP',
  senderName: null,
  senderEmail: null,
  contactName: null,
  contactEmail: null,
  coordinators: [
    { name: 'Sam Coordinator', email: 'sam@croydon.gov.uk' },
    { name: 'Jo Coordinator', email: 'jo@croydon.gov.uk' },
  ],
  ...overrides,
});

describe('a partnership’s sender and Reply-To', () => {
  it('reads MAIL_FROM with or without a name', () => {
    expect(parseMailbox('DHR service <dhr@localhost>')).toEqual({ name: 'DHR service', address: 'dhr@localhost' });
    expect(parseMailbox('"Croydon, DHR" <dhr@croydon.gov.uk>')).toEqual({ name: 'Croydon, DHR', address: 'dhr@croydon.gov.uk' });
    expect(parseMailbox('dhr@localhost')).toEqual({ name: '', address: 'dhr@localhost' });
  });

  it('without settings: MAIL_FROM, replies to the coordinators, who are named as the contact', () => {
    const sender = emailSender('DHR <dhr@localhost>', facts());
    expect(sender.from).toEqual({ name: 'DHR', address: 'dhr@localhost' });
    expect(sender.replyTo.map((r) => r.address)).toEqual(['sam@croydon.gov.uk', 'jo@croydon.gov.uk']);
    expect(sender.partnership).toEqual({ name: 'Croydon CSP', contacts: facts().coordinators, contactIsCoordinators: true });
  });

  it('with settings: the partnership’s sender, and its contact for Reply-To and in the body', () => {
    const sender = emailSender(
      'DHR <dhr@localhost>',
      facts({
        senderName: 'Croydon DHR team',
        senderEmail: 'dhr@croydon.gov.uk',
        contactName: 'Ana Patel',
        contactEmail: 'ana@croydon.gov.uk',
      }),
    );
    expect(sender.from).toEqual({ name: 'Croydon DHR team', address: 'dhr@croydon.gov.uk' });
    expect(sender.replyTo).toEqual([{ name: 'Ana Patel', address: 'ana@croydon.gov.uk' }]);
    expect(sender.partnership.contactIsCoordinators).toBe(false);
  });

  it('takes each part of the sender apart: a name alone keeps MAIL_FROM’s address', () => {
    expect(emailSender('dhr@localhost', facts({ senderName: 'Croydon DHR team' })).from).toEqual({
      name: 'Croydon DHR team',
      address: 'dhr@localhost',
    });
    expect(emailSender('DHR <dhr@localhost>', facts({ senderEmail: 'dhr@croydon.gov.uk' })).from).toEqual({
      name: 'DHR',
      address: 'dhr@croydon.gov.uk',
    });
  });

  it('no partnership (a forgotten-password email): MAIL_FROM, no Reply-To', () => {
    expect(emailSender('DHR <dhr@localhost>', null)).toMatchObject({ from: { name: 'DHR', address: 'dhr@localhost' }, replyTo: [] });
  });
});
