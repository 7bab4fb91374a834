import { mergeChronologies } from './chronology-merge';
import { parseChronologyCsv } from './chronology-parser';

const NOW = new Date('2026-06-01T12:00:00Z');
const source = (documentId: string, agencyId: string, text: string) => ({
  documentId,
  agencyId,
  version: 1,
  rows: parseChronologyCsv(Buffer.from(`date,agency,event,source\n${text}`), NOW).rows,
});

describe('mergeChronologies', () => {
  it('sorts by date (a date alone before the times of its day), then agency, event, source', () => {
    const merged = mergeChronologies([
      source('d1', 'police', '02/01/2024 09:00,Police,b,s\n2024-01-02,Police,a,s\n2024-01-01,Police,z,s\n'),
      source('d2', 'health', '02/01/2024 08:00,Health,c,s\n2024-01-02,health,b,s\n'),
    ]);
    expect(merged.entries.map((e) => [e.date.iso, e.agency, e.event])).toEqual([
      ['2024-01-01', 'Police', 'z'],
      ['2024-01-02', 'health', 'b'],
      ['2024-01-02', 'Police', 'a'],
      ['2024-01-02T08:00:00+00:00', 'Health', 'c'],
      ['2024-01-02T09:00:00+00:00', 'Police', 'b'],
    ]);
    expect(merged.duplicatesRemoved).toBe(0);
  });

  it('folds rows equal after trimming, collapsing spaces and case, keeping the first source and line', () => {
    const merged = mergeChronologies([
      source('d1', 'police', '2024-01-02,Police,Joint  visit,MARAC\n2024-01-02,Police,Joint visit,marac\n'),
      source('d2', 'health', '02/01/2024,POLICE, joint visit ,MARAC\n02/01/2024 10:00,Police,Joint visit,MARAC\n'),
    ]);
    expect(merged.entries.map((e) => [e.documentId, e.line, e.date.iso])).toEqual([
      ['d1', 2, '2024-01-02'],
      ['d2', 3, '2024-01-02T10:00:00+00:00'],
    ]);
    expect(merged.duplicatesRemoved).toBe(2);
  });
});
