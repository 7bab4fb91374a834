import { foldTerm, foldText, FoldedText, isWordChar } from './term-folding';

export interface TermMatch {
  term: string;
  occurrences: number;
  /** A few words around the first occurrence, to find it in the document. Never logged. */
  excerpt: string;
}

const EXCERPT_CONTEXT = 40;

/**
 * Every term found in the text, on word boundaries ("Ann" does not match "Annual"; "Jane Smith's" and
 * "Smith-Jones" do match "Jane Smith" and "Smith"), with the number of occurrences and an excerpt.
 */
export function findTerms(text: string, terms: readonly string[]): TermMatch[] {
  const folded = foldText(text);
  const matches: TermMatch[] = [];
  for (const term of terms) {
    const needle = foldTerm(term);
    if (!needle) continue;
    const starts = occurrences(folded.text, needle);
    if (starts.length > 0) matches.push({ term, occurrences: starts.length, excerpt: excerpt(text, folded, starts[0], needle.length) });
  }
  return matches;
}

/** Start offsets of the needle in the folded text where it stands as whole words. */
function occurrences(haystack: string, needle: string): number[] {
  const checkBefore = isWordChar(firstChar(needle));
  const checkAfter = isWordChar(lastChar(needle));
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (checkBefore && isWordChar(lastChar(haystack.slice(Math.max(0, at - 2), at)))) continue;
    if (checkAfter && isWordChar(firstChar(haystack.slice(end, end + 2)))) continue;
    found.push(at);
  }
  return found;
}

const firstChar = (s: string): string | undefined => [...s][0];
const lastChar = (s: string): string | undefined => [...s].at(-1);

/** The original text around a match, widened to whole words, whitespace collapsed. */
function excerpt(original: string, folded: FoldedText, start: number, length: number): string {
  const from = folded.origin[start];
  const to = folded.origin[start + length - 1] + 1;
  let left = Math.max(0, from - EXCERPT_CONTEXT);
  let right = Math.min(original.length, to + EXCERPT_CONTEXT);
  while (left > 0 && !/\s/.test(original[left - 1]) && from - left < EXCERPT_CONTEXT * 2) left--;
  while (right < original.length && !/\s/.test(original[right]) && right - to < EXCERPT_CONTEXT * 2) right++;
  const text = original.slice(left, right).replace(/\s+/g, ' ').trim();
  return `${left > 0 ? '…' : ''}${text}${right < original.length ? '…' : ''}`;
}
