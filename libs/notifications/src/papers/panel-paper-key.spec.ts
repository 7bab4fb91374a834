import { panelPaperKey, panelPaperOf } from './panel-paper-key';

describe('the panel-paper key', () => {
  const id = '6f1c3f0e-8a52-4d0b-9a57-2b1f0c4d7e11';

  it('names the document, its kind and the share, and reads them back', () => {
    const key = panelPaperKey(id, 'terms_of_reference', new Date('2026-11-26T10:00:00Z'));
    expect(key).toBe(`panel-paper:${id}:terms_of_reference:1795687200000`);
    expect(panelPaperOf(key)).toEqual({ documentId: id, kind: 'terms_of_reference' });
  });

  it('a new share of the same document is a new key', () => {
    expect(panelPaperKey(id, 'minutes', new Date(1))).not.toBe(panelPaperKey(id, 'minutes', new Date(2)));
  });

  it.each([null, undefined, '', `event:${id}:3`, `panel-paper:not-a-uuid:minutes:1`])('%p is no panel-paper key', (key) => {
    expect(panelPaperOf(key)).toBeNull();
  });
});
