import { messageIdFileStem, toMessageIdHeader } from './message-id';

describe('toMessageIdHeader', () => {
  it('adds the MAIL_FROM domain to a bare id', () => {
    expect(toMessageIdHeader('notif-42', 'dhr@croydon.gov.uk')).toBe('<notif-42@croydon.gov.uk>');
    expect(toMessageIdHeader('notif-42', 'DHR Engine <dhr@croydon.gov.uk>')).toBe('<notif-42@croydon.gov.uk>');
  });

  it('keeps an id that already has a domain', () => {
    expect(toMessageIdHeader('<abc@dhr.local>', 'dhr@localhost')).toBe('<abc@dhr.local>');
  });

  it('refuses an empty id or one that would break the header', () => {
    expect(() => toMessageIdHeader('  ', 'dhr@localhost')).toThrow(/required/);
    expect(() => toMessageIdHeader('a b', 'dhr@localhost')).toThrow(/spaces/);
  });
});

describe('messageIdFileStem', () => {
  it('keeps only file-name-safe characters', () => {
    expect(messageIdFileStem('<notif-42@croydon.gov.uk>')).toBe('notif-42_croydon.gov.uk');
    expect(messageIdFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(messageIdFileStem('///')).toBe('message');
    expect(messageIdFileStem('x'.repeat(500))).toHaveLength(100);
  });
});
