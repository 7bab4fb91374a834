import { MEDIA_TYPES, sniffMediaType } from './media-type';

describe('sniffMediaType on short files', () => {
  it('judges files of 0 to 4 bytes on what they have, never reading past their end', () => {
    const zipStart = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x01]);
    for (let n = 0; n <= 4; n++) {
      expect(() => sniffMediaType(zipStart.subarray(0, n), 'x.docx')).not.toThrow();
      expect(sniffMediaType(binary.subarray(0, n), 'x.pdf')).toBeNull();
    }
    expect(sniffMediaType(Buffer.alloc(0), 'x.txt')).toBeNull();
    expect(sniffMediaType(Buffer.from('%PD'), 'x.pdf')).toBe(MEDIA_TYPES.txt);
    expect(sniffMediaType(Buffer.from('ab'), 'x.csv')).toBe(MEDIA_TYPES.csv);
  });

  it('never takes a truncated zip header for a zip', () => {
    const header = Buffer.alloc(21);
    header.writeUInt32LE(0x04034b50, 0);
    expect(sniffMediaType(header, 'x.docx')).toBeNull();
  });
});
