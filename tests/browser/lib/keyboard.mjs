// Keyboard checks: walks a page with the Tab key, records what gets focus and whether the
// focus is visible, and lists interactive elements Tab never reaches. Works on a playwright
// page or on any engine through `{ evaluate(fn, arg), tabs(n) }` (see lib/sweep.mjs).

/**
 * Tabs through the loaded page from its start until focus leaves the document or wraps.
 * `target` is a playwright page, or `{ evaluate(fn, arg), tabs(n) }` for a WebDriver session
 * (`tabs(n)` presses Tab n times, in one request where it can).
 * With `dark: true` (and `window.__eimzaScheme(dark)` installed by lib/sweep.mjs), every
 * focused element is also measured with the site's dark scheme switched on, and problems seen
 * only there end in “(dark)”: one walk samples both schemes.
 * Returns `{ order, unreached, noIndicator, hiddenFocus, weakIndicator, lowText }`, each a list of element
 * descriptions (`<a href="adim-1.html">` …):
 * - `order`: elements in the order Tab focused them (the first should be the skip link)
 * - `unreached`: visible interactive elements Tab never focused (for a radio group, one
 *   reached radio counts for the whole group, as arrow keys move within it)
 * - `noIndicator`: focused elements that look exactly as they do unfocused (no outline,
 *   shadow, colour, border or underline change)
 * - `hiddenFocus`: focused elements with no visible box (e.g. a skip link that stays clipped)
 * - `weakIndicator`: focused elements whose indicator is not the site's own with at least
 *   3:1 contrast (WCAG 2.2 Focus Appearance as the bar): an outline (not the browser's `auto`
 *   ring) of 2px or more, a new box-shadow, a background or a border of 2px or more, each
 *   contrasting 3:1 with what it replaces or with the background around the element
 * - `lowText`: focused elements whose own text (or any visible text inside them, or a form
 *   control's value) is under 4.5:1 against the background it has while focused (the first
 *   opaque background from that text's element up): a yellow focus box must carry dark text
 * `firstTarget` is the element the first focused link points to (`#id`), or null.
 */
export async function tabWalk(target, { maxExtra = 10, dark = false } = {}) {
  const page = target.keyboard
    ? {
      evaluate: (fn, arg) => target.evaluate(fn, arg),
      tabs: async (n) => { for (let i = 0; i < n; i++) await target.keyboard.press('Tab'); },
    }
    : target;
  const total = await page.evaluate((withDark) => {
    const selector = [
      'a[href]', 'area[href]', 'button:not([disabled])', 'input:not([disabled]):not([type=hidden])',
      'select:not([disabled])', 'textarea:not([disabled])', 'summary', 'iframe',
      '[tabindex]:not([tabindex="-1"])', '[contenteditable=""]', '[contenteditable="true"]',
      'audio[controls]', 'video[controls]',
    ].join(',');
    // The scheme in force: the site's dark rules switched on by lib/sweep.mjs, else the browser's.
    const isDark = () => window.__eimzaDark ?? matchMedia('(prefers-color-scheme: dark)').matches;
    const flip = withDark && window.__eimzaScheme ? window.__eimzaScheme : null;
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
        raw: {
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
          shadow: s.boxShadow, background: s.backgroundColor,
          borderColor: s.borderBottomColor, borderWidth: parseFloat(s.borderBottomWidth),
        },
      };
    };
    // Relative luminance and contrast (WCAG), from computed rgb()/rgba() colours.
    const rgb = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c ?? '');
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return a === 0 ? null : [r, g, b];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => {
      if (!a || !b) return 0;
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    // The colour behind an element: the first ancestor with an opaque background.
    const behind = (el) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c) return c;
      }
      return isDark() ? [0, 0, 0] : [255, 255, 255];
    };
    const shadowColors = (sh) => (sh === 'none' ? [] : [...sh.matchAll(/rgba?\([^)]+\)/g)].map((m) => rgb(m[0])).filter(Boolean));
    // The best contrast the focused looks reach, and how.
    const strength = (el, before, now) => {
      const around = behind(el);
      const own = rgb(before.background) ?? around;
      const ways = [];
      if (now.outlineStyle !== 'none' && now.outlineStyle !== 'auto' && now.outlineWidth >= 2) {
        ways.push(['outline', contrast(rgb(now.outlineColor), around)]);
      }
      if (now.background !== before.background) {
        ways.push(['background', contrast(rgb(now.background) ?? around, own)]);
      }
      if (now.shadow !== before.shadow) {
        for (const c of shadowColors(now.shadow)) ways.push(['shadow', Math.max(contrast(c, around), contrast(c, own))]);
      }
      if (now.borderColor !== before.borderColor && now.borderWidth >= 2) {
        ways.push(['border', contrast(rgb(now.borderColor), rgb(before.borderColor) ?? around)]);
      }
      return ways.reduce((best, w) => (w[1] > best[1] ? w : best), ['nothing', 0]);
    };
    // Text colour against the effective background, for the focused element and every visible
    // element inside it that holds text of its own; the worst one, or null when all are 4.5:1+.
    const textContrast = (el) => {
      const ownText = (e) => (e.matches('input:not([type=checkbox],[type=radio]), select, textarea')
        || [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim()));
      let worst = null;
      for (const e of [el, ...el.querySelectorAll('*')]) {
        const r = e.getBoundingClientRect();
        if (!ownText(e) || r.width < 2 || r.height < 2 || !e.checkVisibility({ checkVisibilityCSS: true })) continue;
        let bg = null;
        for (let a = e; a && !bg; a = a.parentElement) bg = rgb(getComputedStyle(a).backgroundColor);
        bg ??= isDark() ? [0, 0, 0] : [255, 255, 255];
        const fg = getComputedStyle(e).color;
        const ratio = contrast(rgb(fg) ?? bg, bg);
        if (ratio < 4.5 && (!worst || ratio < worst.ratio)) {
          worst = { ratio, text: `${fg} on rgb(${bg.join(', ')}) ${ratio.toFixed(2)}:1${e === el ? '' : ` in <${e.localName}>`}` };
        }
      }
      return worst?.text ?? null;
    };
    const describe = (el) => {
      const s = el.outerHTML;
      const open = s.slice(0, s.indexOf('>') + 1) || s;
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${open.length > 120 ? `${open.slice(0, 117)}...` : open}${text ? ` “${text}”` : ''}`;
    };
    const before = candidates.map(looks);
    let beforeDark = null;
    if (flip) {
      flip(true);
      beforeDark = candidates.map(looks);
      flip(false);
    }
    // Each step is measured in the page the moment focus arrives (`focusin`), so all the Tab
    // presses can go in one call (one WebDriver Actions request instead of two round trips per
    // element). Focus leaving the document (`focusout` to nothing) is recorded as a step too.
    const steps = [];
    const measure = (el) => {
      const index = candidates.indexOf(el);
      // Visible focus: an outline of at least 1px, or any change of shadow, colours, border
      // or underline compared with the unfocused looks.
      const sample = (befores) => {
        const now = looks(el);
        const was = index >= 0 ? befores[index] : null;
        const changed = was
          ? ['shadow', 'background', 'color', 'border', 'decoration'].some((k) => now[k] !== was[k])
          : now.shadow !== 'none';
        const [way, ratio] = was ? strength(el, was.raw, now.raw) : ['unknown', 3];
        return { indicator: now.outlineVisible || changed, weak: ratio < 3 ? `${way} ${ratio.toFixed(2)}:1` : null, lowText: textContrast(el) };
      };
      const light = sample(before);
      let darkLooks = null;
      if (flip) {
        flip(true);
        darkLooks = sample(beforeDark);
        flip(false);
      }
      const r = el.getBoundingClientRect();
      const href = el.getAttribute('href');
      const linked = href && href.startsWith('#') && href.length > 1 ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return {
        done: false,
        index,
        desc: describe(el),
        light,
        dark: darkLooks,
        boxVisible: r.width >= 2 && r.height >= 2 && getComputedStyle(el).clipPath === 'none',
        target: linked ? describe(linked) : null,
      };
    };
    const onFocusIn = (e) => {
      if (e.target instanceof Element && e.target !== document.body && e.target !== document.documentElement) steps.push(measure(e.target));
    };
    const onFocusOut = (e) => {
      if (!e.relatedTarget) steps.push({ done: true });
    };
    document.addEventListener('focusin', onFocusIn, true);
    document.addEventListener('focusout', onFocusOut, true);
    const stop = () => {
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('focusout', onFocusOut, true);
      return steps;
    };
    window.__eimzaKb = { candidates, describe, stop };
    return candidates.length;
  }, dark);

  const order = [];
  const reached = new Set();
  const noIndicator = [];
  const hiddenFocus = [];
  const weakIndicator = [];
  const lowText = [];
  let firstTarget = null;
  // Enough presses to pass every candidate and leave the page; what comes after the first
  // exit or wrap is not read.
  await page.tabs(total + maxExtra);
  const steps = await page.evaluate(() => window.__eimzaKb.stop());
  for (const step of steps) {
    if (step.done) break;
    if (order.length > 0 && step.index >= 0 && step.index === order[0].index) break; // wrapped around
    if (order.length === 0) firstTarget = step.target;
    order.push(step);
    if (step.index >= 0) reached.add(step.index);
    for (const [m, tag] of [[step.light, ''], [step.dark, ' (dark)']]) {
      if (!m) continue;
      if (!m.indicator) noIndicator.push(`${step.desc}${tag}`);
      else if (m.weak) weakIndicator.push(`${step.desc} (best: ${m.weak})${tag}`);
      if (m.lowText) lowText.push(`${step.desc} (${m.lowText})${tag}`);
    }
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
    weakIndicator: [...new Set(weakIndicator)],
    lowText: [...new Set(lowText)],
  };
}
