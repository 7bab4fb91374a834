import type { AuditEntryView } from './audit-entry';
import { csvCell } from '@dhr/core';
import { toCsv } from './audit-csv';

const entry = (over: Partial<AuditEntryView> = {}): AuditEntryView => ({
  id: '7',
  chain: 'system',
  seq: 3,
  recordedAt: '2026-01-02T03:04:05.000Z',
  actorId: null,
  actorRole: 'admin',
  action: 'user.create',
  reviewId: null,
  entity: 'user',
  entityId: 'u1',
  changes: { name: { before: null, after: 'Smith, "Jo"' } },
  requestId: 'req-1',
  sourceIp: '10.0.0.1',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...over,
});

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated row per entry, quoting commas and quotes (RFC 4180)', () => {
    const csv = toCsv([entry()]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'id,chain,seq,recorded_at,actor_id,actor_role,action,review_id,entity,entity_id,changes,request_id,source_ip,prev_hash,hash',
    );
    expect(row).toBe(
      `7,system,3,2026-01-02T03:04:05.000Z,,admin,user.create,,user,u1,"{""name"":{""after"":""Smith, \\""Jo\\"""",""before"":null}}",req-1,10.0.0.1,${'a'.repeat(64)},${'b'.repeat(64)}`,
    );
    expect(end).toBe('');
  });

  it('keeps line breaks inside a quoted cell', () => {
    expect(toCsv([entry({ entityId: 'two\r\nlines' })])).toContain('"two\r\nlines"');
  });

  it('writes only the header for no entries', () => {
    expect(toCsv([]).split('\r\n')).toHaveLength(2);
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('defuses a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text and numbers alone, and writes null as empty', () => {
    expect(csvCell('review.read')).toBe('review.read');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});
