import { AuditEntryRow, contentOfRow } from './audit-entry';
import { GENESIS_HASH, hashEntry } from './audit-hash';
import { ChainBreak, ChainHeadRow, ChainWalk } from './chain-walk';

/** A well-formed chain of `count` rows, ids starting at `firstId`. */
function chain(name: string, count: number, firstId = 1): AuditEntryRow[] {
  const rows: AuditEntryRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const row: AuditEntryRow = {
      id: String(firstId + seq - 1),
      chain: name,
      seq: String(seq),
      recorded_at: new Date(Date.UTC(2026, 0, 1, 0, seq)),
      actor_id: null,
      actor_role: 'coordinator',
      action: 'review.read',
      review_id: null,
      entity: null,
      entity_id: null,
      changes: { stage: { before: 'a', after: `b${seq}` } },
      request_id: null,
      source_ip: null,
      prev_hash: prev,
      hash: '',
    };
    row.hash = hashEntry(prev, contentOfRow(row));
    prev = row.hash;
    rows.push(row);
  }
  return rows;
}

const headsOf = (...chains: AuditEntryRow[][]) =>
  new Map<string, ChainHeadRow>(
    chains.map((rows) => {
      const last = rows[rows.length - 1];
      return [last.chain, { chain: last.chain, seq: Number(last.seq), hash: last.hash }];
    }),
  );

function walk(rows: AuditEntryRow[], heads: Map<string, ChainHeadRow>): { broken: ChainBreak | null; entries: number } {
  const w = new ChainWalk(heads);
  for (const row of rows) {
    const broken = w.next(row);
    if (broken) return { broken, entries: w.entries };
  }
  return { broken: w.finish(), entries: w.entries };
}

describe('ChainWalk', () => {
  const a = chain('a', 4);
  const b = chain('b', 3, 10);

  it('accepts intact chains and counts their entries', () => {
    expect(walk([...a, ...b], headsOf(a, b))).toEqual({ broken: null, entries: 7 });
  });

  it('reports an edited entry as hash_mismatch', () => {
    const edited = a.map((r) => (r.seq === '2' ? { ...r, action: 'review.create' } : r));
    expect(walk([...edited, ...b], headsOf(a, b)).broken).toEqual({ chain: 'a', seq: 2, id: '2', reason: 'hash_mismatch' });
  });

  it('reports an entry rewritten with a fresh hash as a broken link at the next entry', () => {
    const forged = { ...a[1], action: 'review.create' };
    forged.hash = hashEntry(forged.prev_hash, contentOfRow(forged));
    const rows = [a[0], forged, a[2], a[3]];
    expect(walk(rows, headsOf(a)).broken).toEqual({ chain: 'a', seq: 3, id: '3', reason: 'broken_link' });
  });

  it('reports a deleted entry as a gap at the next one', () => {
    expect(walk([a[0], a[2], a[3]], headsOf(a)).broken).toEqual({ chain: 'a', seq: 3, id: '3', reason: 'gap' });
  });

  it('reports a deleted tail against the head, with no id to show', () => {
    expect(walk([...a.slice(0, 3), ...b], headsOf(a, b)).broken).toEqual({ chain: 'a', seq: 4, id: null, reason: 'gap' });
  });

  it('reports a head that does not match the last entry, and a chain with no head', () => {
    const heads = headsOf(a, b);
    heads.set('b', { chain: 'b', seq: 3, hash: 'f'.repeat(64) });
    expect(walk([...a, ...b], heads).broken).toEqual({ chain: 'b', seq: 3, id: '12', reason: 'broken_link' });
    expect(walk([...a, ...b], headsOf(a)).broken).toEqual({ chain: 'b', seq: 1, id: '10', reason: 'broken_link' });
  });

  it('reports an entry appended beyond the head', () => {
    expect(walk(a, headsOf(a.slice(0, 3))).broken).toEqual({ chain: 'a', seq: 4, id: '4', reason: 'broken_link' });
  });

  it('reports a chain whose entries were all deleted', () => {
    expect(walk(b, headsOf(a, b)).broken).toEqual({ chain: 'a', seq: 1, id: null, reason: 'gap' });
  });
});
