// Keyboard checks: walks a page with the Tab key, records what gets focus and whether the
// focus is visible, and lists interactive elements Tab never reaches.

/**
 * Tabs through the loaded page from its start until focus leaves the document or wraps.
 * Returns `{ order, unreached, noIndicator, hiddenFocus }`, each a list of element
 * descriptions (`<a href="adim-1.html">` …):
 * - `order`: elements in the order Tab focused them (the first should be the skip link)
 * - `unreached`: visible interactive elements Tab never focused (for a radio group, one
 *   reached radio counts for the whole group, as arrow keys move within it)
 * - `noIndicator`: focused elements that look exactly as they do unfocused (no outline,
 *   shadow, colour, border or underline change)
 * - `hiddenFocus`: focused elements with no visible box (e.g. a skip link that stays clipped)
 * `firstTarget` is the element the first focused link points to (`#id`), or null.
 */
export async function tabWalk(page, { maxExtra = 10 } = {}) {
  const total = await page.evaluate(() => {
    const selector = [
      'a[href]', 'area[href]', 'button:not([disabled])', 'input:not([disabled]):not([type=hidden])',
      'select:not([disabled])', 'textarea:not([disabled])', 'summary', 'iframe',
      '[tabindex]:not([tabindex="-1"])', '[contenteditable=""]', '[contenteditable="true"]',
      'audio[controls]', 'video[controls]',
    ].join(',');
    const visible = (el) => el.checkVisibility({ checkVisibilityCSS: true }) && !el.closest('[inert]');
    const candidates = [...document.querySelectorAll(selector)].filter(visible);
    // Looks of every candidate while nothing is focused, to compare with its focused looks.
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const looks = (el) => {
      const s = getComputedStyle(el);
      return {
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !/rgba\(.*,\s*0\)$/.test(s.outlineColor),
        shadow: s.boxShadow,
        background: s.backgroundColor,
        color: s.color,
        border: `${s.borderTopColor} ${s.borderBottomColor} ${s.borderTopWidth} ${s.borderBottomWidth}`,
        decoration: `${s.textDecorationLine} ${s.textDecorationThickness}`,
      };
    };
    const describe = (el) => {
      const s = el.outerHTML;
      const open = s.slice(0, s.indexOf('>') + 1) || s;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${open.length > 120 ? `${open.slice(0, 117)}...` : open}${text ? ` “${text}”` : ''}`;
    };
    window.__eimzaKb = { candidates, before: candidates.map(looks), looks, describe };
    return candidates.length;
  });

  const order = [];
  const reached = new Set();
  const noIndicator = [];
  const hiddenFocus = [];
  let firstTarget = null;
  for (let i = 0; i < total + maxExtra; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const kb = window.__eimzaKb;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { done: true };
      const index = kb.candidates.indexOf(el);
      const now = kb.looks(el);
      const before = index >= 0 ? kb.before[index] : null;
      // Visible focus: an outline of at least 1px, or any change of shadow, colours, border
      // or underline compared with the unfocused looks.
      const changed = before
        ? ['shadow', 'background', 'color', 'border', 'decoration'].some((k) => now[k] !== before[k])
        : now.shadow !== 'none';
      const indicator = now.outlineVisible || changed;
      const r = el.getBoundingClientRect();
      const href = el.getAttribute('href');
      const target = href && href.startsWith('#') && href.length > 1 ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return {
        done: false,
        index,
        desc: kb.describe(el),
        indicator,
        boxVisible: r.width >= 2 && r.height >= 2 && getComputedStyle(el).clipPath === 'none',
        target: target ? kb.describe(target) : null,
      };
    });
    if (step.done) break;
    if (order.length > 0 && step.index >= 0 && step.index === order[0].index) break; // wrapped around
    if (order.length === 0) firstTarget = step.target;
    order.push(step);
    if (step.index >= 0) reached.add(step.index);
    if (!step.indicator) noIndicator.push(step.desc);
    if (!step.boxVisible) hiddenFocus.push(step.desc);
  }

  const unreached = await page.evaluate((reachedList) => {
    const kb = window.__eimzaKb;
    const reachedSet = new Set(reachedList);
    const reachedGroups = new Set(
      reachedList.map((i) => kb.candidates[i]).filter((el) => el.type === 'radio').map((el) => `${el.form?.id}|${el.name}`),
    );
    return kb.candidates
      .map((el, i) => ({ el, i }))
      .filter(({ el, i }) => !reachedSet.has(i) && !(el.type === 'radio' && reachedGroups.has(`${el.form?.id}|${el.name}`)))
      .map(({ el }) => kb.describe(el));
  }, [...reached]);

  return {
    order: order.map((s) => s.desc),
    firstTarget,
    unreached,
    noIndicator: [...new Set(noIndicator)],
    hiddenFocus: [...new Set(hiddenFocus)],
  };
}
