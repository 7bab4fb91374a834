import { escapeHtml, html } from './safe-html';

describe('html tag', () => {
  it('escapes every interpolated string, number and array item', () => {
    const out = html`<p title="${'"x"'}">${'<b>&'}${1}${['<i>', html`<em>ok</em>`]}</p>`;
    expect(out.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;1&lt;i&gt;<em>ok</em></p>');
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`a'b"c`)).toBe('a&#39;b&quot;c');
  });
});
