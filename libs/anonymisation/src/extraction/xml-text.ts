const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of an OOXML or ODF part, roughly: paragraphs, breaks, tabs and cells become line breaks or
 * spaces (so words of neighbouring paragraphs never run together), runs inside a paragraph are joined
 * as they are (their spaces are inside the text), every other tag is dropped and entities decoded.
 */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/(w:p|a:p|text:p|text:h|w:tc|table:table-cell|dc:\w+|cp:\w+)>/g, '\n')
    .replace(/<(w:br|w:cr|w:tab|text:tab|text:line-break|text:s)\b[^>]*\/?>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
}
