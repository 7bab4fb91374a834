import { AuditContent, AuditEntryView, GENESIS_HASH, hashEntry } from '@dhr/audit';
import { entriesVerified } from './audit.presenter';

const content = (seq: number, action: string): AuditContent => ({
  chain: 'system',
  seq,
  recordedAt: '2026-10-02T09:00:00.000Z',
  actorId: null,
  actorRole: 'coordinator',
  action,
  reviewId: null,
  entity: null,
  entityId: null,
  changes: null,
  requestId: null,
  sourceIp: null,
});

function sealed(seq: number, prevHash: string, action = 'review.read'): AuditEntryView {
  return { id: String(seq), ...content(seq, action), prevHash, hash: hashEntry(prevHash, content(seq, action)) };
}

describe('entriesVerified (the audit page’s check of a review’s own entries)', () => {
  const first = sealed(1, GENESIS_HASH);
  const second = sealed(2, first.hash!);

  it('checks the sealed entries and leaves one not yet sealed for later', () => {
    const unsealed: AuditEntryView = { ...content(0, 'review.audit.read'), id: '3', seq: null, prevHash: null, hash: null };
    expect(entriesVerified([first, second, unsealed])).toBe(true);
  });

  it('fails on an edited entry or a broken link', () => {
    expect(entriesVerified([first, { ...second, action: 'review.event.CLOSE' }])).toBe(false);
    expect(entriesVerified([first, sealed(2, 'f'.repeat(64))])).toBe(false);
  });
});
