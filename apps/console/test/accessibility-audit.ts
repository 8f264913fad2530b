import type { Page } from 'playwright-core';

/**
 * Checks the page the way an automated audit would, for what can be computed reliably: every
 * control has an accessible name, no duplicate ids, aria-describedby points somewhere, and text
 * contrast ≥ 4.5:1 (3:1 for large text) against the nearest opaque background.
 */
export function accessibilityIssues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) out.push(`duplicate id #${id}`);
    for (const el of document.querySelectorAll<HTMLElement>(
      'input, select, textarea, button, a[href], [tabindex="0"]',
    )) {
      const labels = (el as HTMLInputElement).labels;
      const named =
        (labels && labels.length > 0) ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el.textContent ?? '').trim();
      if (!named) out.push(`no accessible name: ${el.outerHTML.slice(0, 100)}`);
    }
    for (const el of document.querySelectorAll('[aria-describedby]')) {
      for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) out.push(`aria-describedby points to missing #${id}`);
      }
    }
    const rgba = (css: string): [number, number, number, number] => {
      const m = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const ch = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r ?? 0) + 0.7152 * ch(g ?? 0) + 0.0722 * ch(b ?? 0);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] >= 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!hasText || el.closest('.visually-hidden, [hidden], noscript, option')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if ((el as HTMLButtonElement).disabled) continue; // WCAG 1.4.3 exempts inactive controls
      const fg = luminance(rgba(style.color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        out.push(
          `contrast ${ratio.toFixed(2)}: ${el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
        );
    }
    if (!document.documentElement.lang) out.push('no lang on <html>');
    return out;
  });
}
