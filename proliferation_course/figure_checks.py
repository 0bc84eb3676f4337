"""The visual check of a figure's frame in a real browser (issue 21, item 6), and view settings.

:func:`visual_problems` looks at one figure as drawn, in its frame, and
returns what a reader would see go wrong:

* text clipped: an HTML text (title, subtitle, control labels, buttons, notes)
  whose content is wider than its box where the box hides the overflow, an
  entry of a dropdown longer than the dropdown can show, or a text of the
  chart (tick labels, axis titles, annotations, legend, data labels) that
  reaches outside the chart's box;
* overlapping text boxes: any two texts of the frame whose boxes intersect;
* a control outside the figure: a select, range or button not inside the
  frame's box, or beyond the screen's width;
* a trace colour with a contrast below 3:1 against the background it is drawn
  on (lines, markers, bars, and the text a trace draws: on the page, or inside
  a bar on the bar's colour; a marker passes by its fill or by its outline).
  Heatmap cells are not traces drawn on the page and are not checked. Decorative lines (a
  trace drawn as lines only, without hover, legend or name, such as grids and
  outlines) are not data and are not checked, as in the figure's data table.

``tests/test_browser.py`` runs it on figures in six views (:data:`VIEWS`);
``benchmarks/figures.py`` runs it on every figure and saves a screenshot of each
view, for a person to look at.
"""

from __future__ import annotations

from typing import Any

#: The six views of the visual check: (width in px, colour scheme).
VIEWS: list[tuple[int, str]] = [(w, s) for s in ("light", "dark") for w in (343, 375, 1280)]
VIEW_HEIGHT = 900

VISUAL_CHECK_JS = r"""
(id) => {
  const gd = document.getElementById(id);
  const frame = gd.closest('.course-frame') || gd;
  const problems = [];
  const short = t => (t.length > 40 ? t.slice(0, 37) + '...' : t);
  const rect = el => el.getBoundingClientRect();
  const visible = el => {
    const s = getComputedStyle(el);
    const r = rect(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0.05
      && r.width > 0.5 && r.height > 0.5 && el.textContent.trim() !== '';
  };
  const inside = (r, box, tol = 1) => r.left >= box.left - tol && r.right <= box.right + tol
    && r.top >= box.top - tol && r.bottom <= box.bottom + tol;
  const fbox = rect(frame), cbox = rect(gd);
  const screen = document.documentElement.clientWidth;

  // ---- texts of the frame (HTML) ----
  const texts = [];
  frame.querySelectorAll('.course-frame-title, .course-frame-subtitle, .course-control label, '
      + '.course-control-label, .course-range-head output, .course-range-ends span, '
      + '.course-control button, .course-frame-notes, .course-frame-source').forEach(el => {
    if (!visible(el)) { return; }
    const s = getComputedStyle(el);
    const text = el.textContent.trim();
    if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'visible' && el.tagName !== 'BUTTON') {
      problems.push(`clipped text: "${short(text)}" (${el.scrollWidth} px in a ${el.clientWidth} px box)`);
    }
    if (el.tagName === 'BUTTON' && (el.scrollWidth > el.clientWidth + 1)) {
      problems.push(`clipped text: button "${short(text)}"`);
    }
    const r = rect(el);
    if (!inside(r, fbox) || r.right > screen + 1 || r.left < -1) {
      problems.push(`text outside the figure: "${short(text)}"`);
    }
    texts.push({text, r});
  });
  // the entries of each dropdown must fit it: a select the browser lets the page style
  // (appearance: base-select) wraps them; a native one cannot, so each entry is measured.
  const canvas = document.createElement('canvas').getContext('2d');
  frame.querySelectorAll('select').forEach(sel => {
    const s = getComputedStyle(sel);
    if (s.appearance === 'base-select') {
      if (sel.scrollWidth > sel.clientWidth + 1) {
        problems.push(`clipped text: dropdown "${short(sel.options[sel.selectedIndex].text)}"`);
      }
      return;
    }
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = sel.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20;
    Array.from(sel.options).forEach(o => {
      const w = canvas.measureText(o.text).width;
      if (w > room + 1) {
        problems.push(`clipped text: dropdown entry "${short(o.text)}" `
                      + `(${Math.round(w)} px, room for ${Math.round(room)})`);
      }
    });
  });

  // ---- texts of the chart (SVG) ----
  gd.querySelectorAll('svg.main-svg text').forEach(el => {
    if (!visible(el) || el.closest('.hoverlayer') || el.closest('.modebar')) { return; }
    const r = rect(el);
    const text = el.textContent.trim();
    if (!inside(r, cbox)) { problems.push(`clipped text: "${short(text)}" reaches outside the chart`); }
    texts.push({text, r});
  });
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1.5 && h > 1.5) {
        problems.push(`overlapping text: "${short(texts[i].text)}" and "${short(texts[j].text)}"`);
      }
    }
  }

  // ---- controls ----
  frame.querySelectorAll('select, input, button').forEach(el => {
    const r = rect(el);
    if (r.width === 0) { return; }
    if (!inside(r, fbox) || r.right > screen + 1 || r.left < -1) {
      const name = short(el.textContent.trim() || el.id);
      problems.push(`control outside the figure: ${el.tagName.toLowerCase()} "${name}"`);
    }
  });

  // ---- contrast of every trace colour against its background ----
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = c => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (fg, bg) => [0, 1, 2].map(k => fg[k] * fg[3] + bg[k] * (1 - fg[3]));
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  let el = gd, bgColour = null;
  while (el && !bgColour) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c[3] > 0.5) { bgColour = c; }
    el = el.parentElement;
  }
  bgColour = bgColour || [255, 255, 255, 1];
  const fl = gd._fullLayout;
  const plotBg = rgba(fl.plot_bgcolor || 'rgba(0,0,0,0)');
  const bg = plotBg[3] > 0.5 ? over(plotBg, bgColour) : bgColour.slice(0, 3);
  const list = v => (Array.isArray(v) ? v : [v]).filter(x => typeof x === 'string');
  (gd._fullData || []).forEach(t => {
    if (t.visible !== true) { return; }
    const mode = t.mode || '';
    if (t.type === 'scatter' && mode === 'lines' && t.hoverinfo === 'skip' && !t.showlegend) { return; }
    const opacity = t.opacity === undefined ? 1 : t.opacity;
    const colours = [];  // [colour, opacity, part, background, outline]
    const m = t.marker || {};
    const outline = (m.line && m.line.width > 0) ? list(m.line.color)[0] : null;
    if (t.type === 'bar' || (t.type === 'scatter' && mode.includes('markers'))) {
      const mo = (m.opacity !== undefined && !Array.isArray(m.opacity)) ? m.opacity : 1;
      list(m.color).forEach(c => colours.push([c, opacity * mo, 'marker', null, outline]));
    }
    if (t.type === 'scatter' && mode.includes('lines') && t.line && t.line.width > 0) {
      list(t.line.color).forEach(c => colours.push([c, opacity, 'line', null, null]));
    }
    if (mode.includes('text')) {
      list(t.textfont && t.textfont.color).forEach(c => colours.push([c, opacity, 'text', null, null]));
    }
    if (t.type === 'bar' && t.text && t.textposition !== 'none') {
      // text outside a bar is on the page; text inside it, on the bar's own colour
      const inside = t.textposition === 'inside' || t.textposition === 'auto';
      const font = inside ? (t.insidetextfont || t.textfont) : (t.outsidetextfont || t.textfont);
      const on = inside ? list(m.color)[0] : null;
      list(font && font.color).forEach(c => colours.push([c, opacity, 'text', on, null]));
    }
    new Set(colours.map(JSON.stringify)).forEach(key => {
      const [c, a, part, on, edge] = JSON.parse(key);
      const back = on ? over(rgba(on), bg) : bg;
      const fg = rgba(c);
      fg[3] *= a;
      let r = ratio(over(fg, back), back);
      if (r < 3 && edge) {  // a marker with an outline is seen by its outline
        r = Math.max(r, ratio(over(rgba(edge), back), back));
      }
      if (r < 3) {
        problems.push(`low contrast: ${part} ${c} of "${short(String(t.name || t.type))}" is ${r.toFixed(2)}:1`);
      }
    });
  });
  return problems;
}
"""


def visual_problems(page: Any, div_id: str) -> list[str]:
    """What the visual check finds wrong with the figure ``div_id`` as the page shows it now."""
    return page.evaluate(VISUAL_CHECK_JS, div_id)


def frame_of(page: Any, div_id: str) -> Any:
    """The locator of a figure's whole frame (header, chart, footer)."""
    return page.locator(f"#{div_id}-frame")
