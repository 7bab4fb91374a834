/**
 * Folding for the anonymisation check: text and terms are compared after the same folding, so the
 * comparison is insensitive to case, Unicode form (NFKC/NFKD), diacritics ("Zoe" finds "Zoë"), curly
 * apostrophes and typographic dashes, invisible characters and runs of whitespace (a name split
 * across lines or runs still matches). Over-matching is the safe side: a false match can be accepted.
 */

const APOSTROPHES = /[\u2018\u2019\u201a\u201b\u02bc\u02bb\u2032\u00b4\u0060\uff07]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]/g;
const INVISIBLE = /\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const MARKS = /\p{M}/gu;
const WHITESPACE = /\s/u;

/** One code point folded: lower case, no diacritics, plain apostrophe/hyphen; '' for invisible ones, ' ' for whitespace. */
function foldCodePoint(char: string): string {
  if (WHITESPACE.test(char)) return ' ';
  return char.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(APOSTROPHES, "'").replace(DASHES, '-').replace(INVISIBLE, '');
}

export interface FoldedText {
  /** The folded text, whitespace collapsed to single spaces. */
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original string of the character it came from. */
  origin: number[];
}

/** Folds a text, remembering where each folded character came from (for excerpts). */
export function foldText(original: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of original) {
    const folded = foldCodePoint(char);
    if (!(folded === ' ' && (text.length === 0 || text.endsWith(' ')))) {
      for (let i = 0; i < folded.length; i++) origin.push(index);
      text += folded;
    }
    index += char.length;
  }
  return { text, origin };
}

/** A term folded the same way, without leading or trailing space. */
export function foldTerm(term: string): string {
  return foldText(term).text.trim();
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether this character (a single UTF-16 unit or code point) is part of a word, for word-boundary matching. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && char !== '' && WORD_CHAR.test(char);
}
