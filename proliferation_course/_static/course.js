/* The course's own script: draws the plotly figures written by
 * proliferation_course.render and runs the self-check quizzes written by
 * proliferation_course.quiz. No network access; plotly.js is a local file
 * loaded (deferred) only on pages that hold a figure. */
(function () {
  "use strict";

  var NARROW = 560;

  // Set layout keys written as plotly paths ("yaxis.domain"); null deletes a key.
  function applyLayout(layout, changes) {
    Object.keys(changes).forEach(function (path) {
      var keys = path.replace(/\[(\d+)\]/g, ".$1").split("."), obj = layout;
      for (var i = 0; i < keys.length - 1; i++) {
        if (typeof obj[keys[i]] !== "object" || obj[keys[i]] === null) { obj[keys[i]] = {}; }
        obj = obj[keys[i]];
      }
      var last = keys[keys.length - 1];
      if (changes[path] === null) { delete obj[last]; } else { obj[last] = changes[path]; }
    });
  }

  // Dark mode: the figures are drawn for a light page; on a dark page their text,
  // axes and controls are recoloured (and again after every redraw, since a button
  // may replace a slider with its light-page colours).
  var DARK = {text: "#dfe4ea", grid: "#4a5058", line: "#9aa4ae", bg: "#22272e",
              active: "#3b4450", border: "#6b7580"};
  var DARK_ACCENTS = {"#6b4c9a": "#c9b3ff", "#222222": "#dfe4ea", "#9a9a9a": "#9aa4ae"};

  // The dark-page version of a light-page colour (idempotent: a dark-page colour stays).
  function darkAccent(color, fallback) {
    if (!color) { return fallback; }
    var key = color.toLowerCase();
    if (DARK_ACCENTS[key]) { return DARK_ACCENTS[key]; }
    for (var k in DARK_ACCENTS) { if (DARK_ACCENTS[k] === key) { return key; } }
    return fallback;
  }

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  function themeChanges(gd) {
    var L = gd.layout, c = {};
    if (!isDark()) { return c; }
    c["font.color"] = DARK.text;
    c["title.font.color"] = DARK.text;
    c["legend.font.color"] = DARK.text;
    Object.keys(L).forEach(function (k) {
      if (/^[xy]axis\d*$/.test(k)) {
        ["color", "linecolor", "tickcolor"].forEach(function (a) { c[k + "." + a] = DARK.line; });
        c[k + ".gridcolor"] = DARK.grid;
        c[k + ".zerolinecolor"] = DARK.grid;
        c[k + ".title.font.color"] = DARK.text;
        c[k + ".tickfont.color"] = DARK.text;
      }
    });
    (L.annotations || []).forEach(function (a, i) {
      c["annotations[" + i + "].font.color"] = darkAccent(a.font && a.font.color, DARK.text);
    });
    (L.shapes || []).forEach(function (sh, i) {
      c["shapes[" + i + "].line.color"] = darkAccent(sh.line && sh.line.color, DARK.line);
    });
    (L.updatemenus || []).forEach(function (m, i) {
      c["updatemenus[" + i + "].bgcolor"] = DARK.bg;
      c["updatemenus[" + i + "].activecolor"] = DARK.active;
      c["updatemenus[" + i + "].bordercolor"] = DARK.border;
      c["updatemenus[" + i + "].font.color"] = DARK.text;
    });
    (L.sliders || []).forEach(function (s, i) {
      var p = "sliders[" + i + "].";
      c[p + "font.color"] = DARK.text;
      c[p + "currentvalue.font.color"] = DARK.text;
      c[p + "bgcolor"] = DARK.active;
      c[p + "activebgcolor"] = DARK.line;
      c[p + "bordercolor"] = DARK.border;
      c[p + "tickcolor"] = DARK.line;
    });
    return c;
  }

  function needsTheme(gd, changes) {
    return Object.keys(changes).some(function (path) {
      var obj = gd.layout, keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
      for (var i = 0; i < keys.length; i++) {
        if (obj === undefined || obj === null) { return true; }
        obj = obj[keys[i]];
      }
      return obj !== changes[path];
    });
  }

  function applyTheme(gd) {
    var changes = themeChanges(gd);
    if (Object.keys(changes).length && needsTheme(gd, changes)) {
      return window.Plotly.relayout(gd, changes);
    }
  }

  // The figure as the page stores it, fitted to the screen width and the theme.
  function prepared(div) {
    var fig = JSON.parse(document.getElementById(div.dataset.figure).textContent);
    var narrow = fig.layout && fig.layout.meta && fig.layout.meta.narrow;
    if (narrow && div.clientWidth < NARROW) {
      // Paths that start with "data[i]." change a trace (e.g. its mode); the rest, the layout.
      var onLayout = {}, onTraces = {};
      Object.keys(narrow).forEach(function (k) { (/^data\[\d+\]\./.test(k) ? onTraces : onLayout)[k] = narrow[k]; });
      applyLayout(fig.layout, onLayout);
      applyLayout(fig, onTraces);
    }
    applyLayout(fig.layout, themeChanges({layout: fig.layout}));
    if (isDark()) {  // text drawn on the traces themselves (labels beside markers)
      (fig.data || []).forEach(function (t) {
        ["textfont", "outsidetextfont"].forEach(function (k) {
          if (t[k] && typeof t[k].color === "string") { t[k].color = darkAccent(t[k].color, DARK.text); }
        });
      });
    }
    return fig;
  }

  function restyleAll() {
    document.querySelectorAll("div.course-figure[data-drawn=yes]").forEach(function (gd) {
      window.Plotly.react(gd, prepared(gd));
    });
  }

  // plotly.js is loaded once, and only when a figure comes near the screen, so that the
  // text of a plot page paints first. sphinxext.py names its URL on figure pages.
  var plotlyLoading = null;
  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var src = window.COURSE_PLOTLY_SRC;
        if (!src) { reject(new Error("course.js: this page does not name plotly.js")); return; }
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { reject(new Error("course.js: could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return plotlyLoading;
  }

  function drawFigure(div) {
    if (div.dataset.drawn) { return Promise.resolve(); }
    var source = document.getElementById(div.dataset.figure);
    if (!source) { return Promise.resolve(); }
    div.dataset.drawn = "loading";
    return loadPlotly().then(function () {
      // A figure may declare a layout for narrow screens (e.g. panels stacked), and
      // on a dark page it is recoloured before it is drawn.
      var fig = prepared(div);
      div.dataset.drawn = "pending";
      return window.Plotly.newPlot(div, fig);
    }).then(function () {
      return applyTheme(div);
    }).then(function () {
      div.on("plotly_afterplot", function () { applyTheme(div); keyboardControls(div); });
      keyboardControls(div);
      div.dataset.drawn = "yes";
      // The height stays reserved (no layout shift); a narrow layout may be taller.
      div.style.height = "";
      div.style.minHeight = div.layout && div.layout.height ? div.layout.height + "px" : "";
    }).catch(function (err) {
      div.dataset.drawn = "failed";
      console.error(err);
    });
  }

  // Keyboard: plotly draws its buttons and sliders as SVG, which a keyboard cannot reach.
  // Each control gets a tab stop and a role; Enter or Space presses a button, and the
  // arrow keys, Home and End move a slider one step, running that step as a click would.
  function refocus(gd, key) {
    window.setTimeout(function () {
      keyboardControls(gd);
      var target = gd.querySelector('[data-course-key="' + key + '"]');
      if (target) { target.focus(); }
    }, 60);
  }

  // After a press, focus goes to: the first entry of a dropdown just opened, the
  // dropdown's header once an entry is chosen, or back to the button itself.
  function makeButton(gd, el, key, label, after) {
    el.setAttribute("data-course-key", key);
    if (el.getAttribute("tabindex")) { return; }
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", label);
    el.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") { return; }
      ev.preventDefault();
      el.dispatchEvent(new MouseEvent("click", {bubbles: true}));
      refocus(gd, after ? after() : key);
    });
  }

  function sliderText(step) {
    return String(step.label !== undefined ? step.label : step.value);
  }

  function makeSlider(gd, el, i) {
    var opts = gd.layout.sliders[i];
    var steps = opts.steps || [];
    var active = opts.active || 0;
    var name = (opts.currentvalue && opts.currentvalue.prefix) || opts.name || "Slider";
    el.setAttribute("data-course-key", "slider-" + i);
    el.setAttribute("role", "slider");
    el.setAttribute("aria-label", String(name).replace(/[:\s]+$/, ""));
    el.setAttribute("aria-valuemin", "0");
    el.setAttribute("aria-valuemax", String(steps.length - 1));
    el.setAttribute("aria-valuenow", String(active));
    if (steps[active]) { el.setAttribute("aria-valuetext", sliderText(steps[active])); }
    if (el.getAttribute("tabindex")) { return; }
    el.setAttribute("tabindex", "0");
    el.addEventListener("keydown", function (ev) {
      var now = gd.layout.sliders[i].active || 0;
      var last = gd.layout.sliders[i].steps.length - 1;
      var next = {ArrowRight: now + 1, ArrowUp: now + 1, ArrowLeft: now - 1, ArrowDown: now - 1,
                  Home: 0, End: last}[ev.key];
      if (next === undefined) { return; }
      ev.preventDefault();
      next = Math.max(0, Math.min(last, next));
      if (next === now) { return; }
      var step = gd.layout.sliders[i].steps[next];
      var change = {};
      change["sliders[" + i + "].active"] = next;
      var run = step.method && step.method !== "skip" && step.execute !== false
        ? window.Plotly[step.method].apply(null, [gd].concat(step.args || []))
        : Promise.resolve();
      Promise.resolve(run).then(function () {
        return window.Plotly.relayout(gd, change);
      }).then(function () { refocus(gd, "slider-" + i); });
    });
  }

  function keyboardControls(gd) {
    gd.querySelectorAll("g.updatemenu-header-group").forEach(function (g, m) {
      var header = g.querySelector("g.updatemenu-header");
      if (header) {
        makeButton(gd, header, "menu-" + m, "Choose: " + header.textContent.trim(), function () {
          gd._courseMenu = "menu-" + m;
          return gd.querySelector("g.updatemenu-dropdown-button") ? "dropdown-0" : "menu-" + m;
        });
        header.setAttribute("aria-haspopup", "true");
      }
    });
    gd.querySelectorAll("g.updatemenu-dropdown-button").forEach(function (b, j) {
      makeButton(gd, b, "dropdown-" + j, b.textContent.trim(), function () {
        return gd._courseMenu || "dropdown-" + j;
      });
    });
    gd.querySelectorAll("g.updatemenu-button").forEach(function (b, j) {
      makeButton(gd, b, "button-" + j, b.textContent.trim());
    });
    gd.querySelectorAll("g.slider-container").forEach(function (el, i) {
      if (gd.layout.sliders && gd.layout.sliders[i]) { makeSlider(gd, el, i); }
    });
  }

  function drawAll() {
    document.querySelectorAll("div.course-figure").forEach(drawFigure);
  }

  function watchFigures() {
    var divs = document.querySelectorAll("div.course-figure");
    if (!divs.length) { return; }
    // Printing shows every figure, seen or not.
    window.addEventListener("beforeprint", drawAll);
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { seen.unobserve(e.target); drawFigure(e.target); }
      });
    }, {rootMargin: "400px 0px"});
    divs.forEach(function (div) { seen.observe(div); });
  }

  var STORE = "course-quiz:";

  function quizScore(section) {
    var done = section.querySelectorAll("form.course-quiz-question[data-result=correct]").length;
    var out = section.querySelector("[data-quiz-score]");
    if (out) {
      var total = out.dataset.total;
      out.textContent = "Your score: " + done + " of " + total + " answered correctly.";
    }
    try {
      var saved = {};
      section.querySelectorAll("form.course-quiz-question").forEach(function (f) {
        if (f.dataset.result) { saved[f.dataset.question] = f.dataset.answer; }
      });
      window.localStorage.setItem(STORE + section.dataset.quiz, JSON.stringify(saved));
    } catch (e) { /* storage may be disabled: the quiz still works */ }
  }

  function check(form, section, quiet) {
    var chosen = form.querySelector("input[type=radio]:checked");
    var feedback = form.querySelector(".course-quiz-feedback");
    form.querySelectorAll(".course-quiz-explain").forEach(function (p) { p.hidden = true; });
    form.querySelectorAll(".course-quiz-choice").forEach(function (c) {
      c.classList.remove("is-correct", "is-wrong");
    });
    if (!chosen) {
      feedback.textContent = "Choose an answer first.";
      feedback.className = "course-quiz-feedback";
      return;
    }
    var right = chosen.dataset.correct === "true";
    var explain = form.querySelector('[data-feedback-for="' + chosen.value + '"]');
    chosen.parentNode.classList.add(right ? "is-correct" : "is-wrong");
    feedback.textContent = (right ? "Correct. " : "Not quite. ") + (explain ? explain.textContent : "");
    feedback.className = "course-quiz-feedback " + (right ? "is-correct" : "is-wrong");
    form.dataset.result = right ? "correct" : "wrong";
    form.dataset.answer = chosen.value;
    if (!quiet) { quizScore(section); }
  }

  function setUpQuizzes() {
    document.querySelectorAll("section.course-quiz").forEach(function (section) {
      var saved = {};
      try {
        saved = JSON.parse(window.localStorage.getItem(STORE + section.dataset.quiz) || "{}");
      } catch (e) { saved = {}; }
      section.querySelectorAll("form.course-quiz-question").forEach(function (form) {
        form.addEventListener("submit", function (ev) {
          ev.preventDefault();
          check(form, section, false);
        });
        var answer = saved[form.dataset.question];
        if (answer) {
          var input = form.querySelector('input[value="' + answer + '"]');
          if (input) { input.checked = true; check(form, section, true); }
        }
      });
      quizScore(section);
    });
  }

  // MathJax, like plotly.js, is loaded only when the first formula nears the screen;
  // on load it typesets the whole page. sphinxext.py names its URL on pages with math.
  function watchMath() {
    var src = window.COURSE_MATHJAX_SRC;
    var formulas = document.querySelectorAll(".math");
    if (!src || !formulas.length) { return; }
    var loaded = false;
    function load() {
      if (loaded) { return; }
      loaded = true;
      var s = document.createElement("script");
      s.src = src;
      s.id = "MathJax-script";
      document.head.appendChild(s);
    }
    window.addEventListener("beforeprint", load);
    if (!("IntersectionObserver" in window)) { load(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); load(); }
    }, {rootMargin: "600px 0px"});
    formulas.forEach(function (f) { seen.observe(f); });
  }

  function start() {
    watchFigures();
    watchMath();
    new MutationObserver(restyleAll).observe(document.documentElement,
                                             {attributes: true, attributeFilter: ["data-theme"]});
    setUpQuizzes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
