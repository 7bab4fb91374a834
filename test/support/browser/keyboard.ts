import type { Page } from 'playwright-core';

/** What has the keyboard focus, described for assertions. */
export interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  classes: string;
  inMain: boolean;
}

/** The little of the DOM used here (the project compiles without the DOM library). */
interface El {
  tagName: string;
  id: string;
  innerText: string;
  className: string;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.innerText ?? '').trim(),
      href: el?.getAttribute('href') ?? null,
      classes: el?.className ?? '',
      inMain: !!el?.closest('main'),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, at most `max` times: the
 * keyboard is the only way the journey moves focus.
 */
export async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  options: { backwards?: boolean; max?: number } = {},
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 25); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (matches(f)) return f;
    seen.push(`${f.tag}#${f.id} "${f.text}"`);
  }
  throw new Error(`never focused what was looked for; focused in turn: ${seen.join(', ')}`);
}
