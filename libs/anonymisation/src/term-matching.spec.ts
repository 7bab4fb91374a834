import { findTerms } from './term-matching';

const found = (text: string, terms: string[]) => findTerms(text, terms).map((m) => [m.term, m.occurrences]);

describe('finding identifying terms in text', () => {
  it('matches whole words only, ignoring case', () => {
    expect(found('Annual report. ANN attended; ann left. Joanne stayed.', ['Ann'])).toEqual([['Ann', 2]]);
    expect(found('The Annual report', ['Ann'])).toEqual([]);
    expect(found('Leeds, Leeds-based, Leedsford', ['Leeds'])).toEqual([['Leeds', 2]]);
  });

  it('finds a name split across lines, runs of spaces and tabs', () => {
    expect(found('seen by Jane\n  Smith on Monday and jane\tSMITH later', ['Jane Smith'])).toEqual([['Jane Smith', 2]]);
    expect(found('seen by Jane\u00a0Smith', ['  Jane   Smith '])).toEqual([['  Jane   Smith ', 1]]);
  });

  it('finds possessives, with straight or curly apostrophes, and names in hyphenated forms', () => {
    expect(found("Jane Smith's partner and Jane Smith’s sister", ['Jane Smith'])).toEqual([['Jane Smith', 2]]);
    expect(found("O’Brien and O'Brien", ["O'Brien"])).toEqual([["O'Brien", 2]]);
    expect(found('Mary Smith–Jones', ['Smith-Jones'])).toEqual([['Smith-Jones', 1]]);
  });

  it('treats diacritics and Unicode forms alike', () => {
    const decomposed = 'Zoe\u0308 lived there';
    expect(found(decomposed, ['Zoë'])).toEqual([['Zoë', 1]]);
    expect(found('Zoë lived there', ['Zoe\u0308'])).toEqual([['Zoe\u0308', 1]]);
    expect(found('ZOË and Zoe', ['zoë'])).toEqual([['zoë', 2]]);
    expect(found('Zoëy', ['Zoë'])).toEqual([]);
    expect(found('ﬁnch road', ['Finch Road'])).toEqual([['Finch Road', 1]]);
  });

  it('ignores soft hyphens and zero-width characters inside a word', () => {
    expect(found('Bir\u00admingham and Birming\u200bham', ['Birmingham'])).toEqual([['Birmingham', 2]]);
  });

  it('gives an excerpt of the words around the first occurrence', () => {
    const [match] = findTerms(`${'lorem ipsum '.repeat(20)}the victim Jane Smith lived at\n12 Acacia Avenue ${'dolor sit '.repeat(20)}`, [
      'Jane Smith',
    ]);
    expect(match.excerpt).toContain('the victim Jane Smith lived at 12 Acacia');
    expect(match.excerpt.length).toBeLessThan(200);
    expect(match.excerpt.startsWith('…')).toBe(true);
  });

  it('handles terms with punctuation at their edges and text with astral characters', () => {
    expect(found('St. Mary’s School 🙂 St. Mary’s', ["St. Mary's"])).toEqual([["St. Mary's", 2]]);
    expect(found('🙂Ann🙂', ['Ann'])).toEqual([['Ann', 1]]);
  });
});
