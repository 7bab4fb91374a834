import { OverdueDigestEmail, renderOverdueDigest } from './overdue-digest.template';
import { renderEmail } from '../render-email';

const digest: OverdueDigestEmail = {
  recipientName: 'Zelda Quixote-Marsh',
  day: '2026-12-10',
  reviews: [
    {
      reviewId: 'a1b2c3d4-0000-4000-8000-000000000001',
      reference: 'DHR-CROY-2026-001',
      partnershipName: 'Croydon CSP',
      items: [
        {
          kind: 'scoping_return',
          agencyName: 'Met Police',
          actionDescription: null,
          dueAt: new Date('2026-12-09T17:00:00Z'),
          daysOverdue: 1,
        },
        {
          kind: 'action',
          agencyName: 'NHS <Trust>',
          actionDescription: 'Audit GP training\r\non domestic abuse',
          dueAt: new Date('2026-11-30T17:00:00Z'),
          daysOverdue: 10,
        },
      ],
    },
    {
      reviewId: 'a1b2c3d4-0000-4000-8000-000000000002',
      reference: 'DHR-SUTT-2026-004',
      partnershipName: 'Sutton CSP',
      items: [{ kind: 'completion', agencyName: null, actionDescription: null, dueAt: new Date('2026-10-12T16:00:00Z'), daysOverdue: 59 }],
    },
  ],
};

describe('the overdue digest email', () => {
  const email = renderOverdueDigest(digest, 'https://dhr.example.gov.uk');

  it('has a subject with counts and the day, and no name', () => {
    // The marking ends the subject, as on every email (layout.ts markSubject).
    expect(email.subject).toBe('Daily digest: 3 overdue deadlines in 2 reviews, Thursday 10 December 2026 [OFFICIAL-SENSITIVE]');
    expect(email.subject).not.toContain('Zelda');
  });

  it('lists each review by reference and partnership, each item with what, when due (GOV.UK style) and days overdue, and a link', () => {
    expect(email.text).toContain('DHR-CROY-2026-001 (Croydon CSP)');
    expect(email.text).toContain('  - The scoping return from Met Police: due 5pm on 9 December 2026, overdue by 1 day');
    expect(email.text).toContain(
      '  - The action "Audit GP training on domestic abuse" (NHS <Trust>): due 5pm on 30 November 2026, overdue by 10 days',
    );
    expect(email.text).toContain('DHR-SUTT-2026-004 (Sutton CSP)');
    expect(email.text).toContain('due 5pm on 12 October 2026, overdue by 59 days'); // 16:00 UTC is 5pm BST
    expect(email.text).toContain('Open the review: https://dhr.example.gov.uk/reviews/a1b2c3d4-0000-4000-8000-000000000001');
    expect(email.text).toContain('Open the review: https://dhr.example.gov.uk/reviews/a1b2c3d4-0000-4000-8000-000000000002');
    expect(email.text.startsWith('OFFICIAL-SENSITIVE\n\nDear Zelda Quixote-Marsh,\n')).toBe(true);
    expect(email.text).toContain('What to do: ');
  });

  it('escapes free text in the HTML', () => {
    expect(email.html).toContain('(NHS &lt;Trust&gt;)');
    expect(email.html).not.toContain('NHS <Trust>');
    expect(email.html).toContain(
      '<a href="https://dhr.example.gov.uk/reviews/a1b2c3d4-0000-4000-8000-000000000002">Open review DHR-SUTT-2026-004</a>',
    );
  });

  it('says "1 overdue deadline in 1 review", and "overdue since earlier today" on the due day', () => {
    const one = renderOverdueDigest(
      { ...digest, reviews: [{ ...digest.reviews[0], items: [{ ...digest.reviews[0].items[0], daysOverdue: 0 }] }] },
      'https://dhr.example.gov.uk',
    );
    expect(one.subject).toContain('1 overdue deadline in 1 review,');
    expect(one.text).toContain('overdue since earlier today');
  });

  it('refuses to render a digest with nothing overdue, and is not rendered from one review', () => {
    expect(() => renderOverdueDigest({ ...digest, reviews: [] }, 'https://dhr.example.gov.uk')).toThrow('at least one overdue item');
    expect(() =>
      renderEmail('digest.overdue', {
        reviewId: 'x',
        reference: 'DHR-CROY-2026-001',
        deadlineKind: 'imr',
        dueAt: new Date(),
        recipientName: 'x',
        publicUrl: 'https://dhr.example.gov.uk',
        partnership: { name: 'Croydon CSP', contacts: [], contactIsCoordinators: true },
      }),
    ).toThrow('rendered by renderOverdueDigest');
  });
});
