/* The course's own script: draws the plotly figures written by
 * proliferation_course.render and runs the self-check quizzes written by
 * proliferation_course.quiz. No network access; plotly.js is a local file
 * loaded (deferred) only on pages that hold a figure. */
(function () {
  "use strict";

  var NARROW = 560;

  // The words this script writes, one table per language, chosen by the page's <html lang>.
  // The Japanese is the package's own (proliferation_course/locale/ja/LC_MESSAGES/quiz.po)
  // where the same thing is said; tests/test_i18n.py checks that every key has both.
  var TEXT = {
    en: {
      pause: "❚❚ Pause",
      score: "Your score: {right} of {total} answered correctly.",
      chooseFirst: "Choose an answer first.",
      correct: "Correct.",
      notQuite: "Not quite."
    },
    ja: {
      pause: "❚❚ 一時停止",
      score: "得点：{total}問中{right}問に正解。",
      chooseFirst: "先に解答を選ぶこと。",
      correct: "正解。",
      notQuite: "不正解。"
    }
  };
  var LANG = (document.documentElement.lang || "en").slice(0, 2) === "ja" ? "ja" : "en";
  function t(key, values) {
    var text = TEXT[LANG][key];
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }

  // ---------------------------------------------------------------------------
  // Figures. proliferation_course.render writes each figure in a frame: a header
  // with its title and its controls as native HTML controls (disabled until the
  // chart is drawn), the chart's <div class="course-figure"> with the figure's
  // JSON beside it, and a footer. The JSON is a plotly figure whose updatemenus
  // and sliders hold the precomputed state of every choice and step: they are
  // taken out of the layout before plotly draws it, and each native control
  // applies its entry's state with Plotly.restyle, relayout, update or animate.
  // ---------------------------------------------------------------------------

  // Set keys written as plotly paths ("yaxis.domain", "data[0].mode"); null deletes a key.
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

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // Dark mode: every palette colour the figure uses (traces, markers, colour scales,
  // shapes, annotations, its template, its frames and the states of its controls) is
  // swapped for its dark value. The figure's JSON carries the pairs (course.dark),
  // keyed by the light value without spaces, in lower case.
  function swapColours(value, pairs) {
    if (typeof value === "string") {
      var dark = pairs[value.replace(/\s+/g, "").toLowerCase()];
      return dark === undefined ? value : dark;
    }
    if (Array.isArray(value)) { return value.map(function (v) { return swapColours(v, pairs); }); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = swapColours(value[k], pairs); });
      return out;
    }
    return value;
  }

  // A layout change may move the controls ("sliders": a preset's own slider;
  // "updatemenus[1].buttons": a Play button's frames). Those parts go to the native
  // controls; the rest goes to plotly.
  var CONTROL_KEY = /^(updatemenus|sliders)(?:\[(\d+)\]|\.(\d+))?(?:\.(.+))?$/;

  function splitLayout(layout) {
    var rest = {}, controls = {updatemenus: {}, sliders: {}}, moved = false;
    Object.keys(layout || {}).forEach(function (key) {
      var m = CONTROL_KEY.exec(key);
      if (!m) { rest[key] = layout[key]; return; }
      moved = true;
      var kind = m[1], index = m[2] || m[3], sub = m[4], value = layout[key];
      if (index === undefined && sub === undefined) {
        (value || []).forEach(function (item, i) {
          controls[kind][i] = Object.assign(controls[kind][i] || {}, item || {});
        });
      } else if (sub === undefined) {
        controls[kind][index] = Object.assign(controls[kind][index] || {}, value || {});
      } else {
        var change = {};
        change[sub] = value;
        controls[kind][index] = controls[kind][index] || {};
        applyLayout(controls[kind][index], change);
      }
    });
    return {rest: rest, controls: controls, moved: moved};
  }

  // The figure as the page stores it, fitted to the screen width and the theme, with
  // its controls taken out (they are drawn in HTML).
  function prepared(div) {
    var fig = JSON.parse(document.getElementById(div.dataset.figure).textContent);
    var pairs = fig.course && fig.course.dark;
    if (isDark() && pairs) { fig = swapColours(fig, pairs); }
    var layout = fig.layout || {};
    var controls = {menus: layout.updatemenus || [], sliders: layout.sliders || [], frames: {}};
    delete layout.updatemenus;
    delete layout.sliders;
    (fig.frames || []).forEach(function (frame) {
      if (!frame.layout) { return; }
      var split = splitLayout(frame.layout);
      frame.layout = split.rest;
      if (split.moved && frame.name !== undefined) { controls.frames[frame.name] = split.controls; }
    });
    var narrow = layout.meta && layout.meta.narrow;
    if (narrow && div.clientWidth < NARROW) {
      // Paths that start with "data[i]." change a trace (e.g. its mode); the rest, the layout.
      var onLayout = {}, onTraces = {};
      Object.keys(narrow).forEach(function (k) { (/^data\[\d+\]\./.test(k) ? onTraces : onLayout)[k] = narrow[k]; });
      applyLayout(layout, onLayout);
      applyLayout(fig, onTraces);
    }
    return {figure: {data: fig.data, layout: layout, frames: fig.frames || [], config: fig.config},
            controls: controls};
  }

  // ---- the native controls ----

  function controlsOf(gd) {
    var head = gd.parentNode.querySelector('[data-controls-for="' + gd.id + '"]');
    return head ? head : null;
  }

  function stepText(step) {
    if (!step) { return ""; }
    var text = step.label !== undefined && step.label !== null ? step.label : step.value;
    return String(text === undefined ? "" : text).replace(/<br\s*\/?>/g, " ").replace(/<[^>]*>/g, "");
  }

  // Show a slider's definition (a preset may bring its own) on its range control.
  function showSlider(gd, i) {
    var box = controlsOf(gd), def = gd._course.sliders[i];
    var input = box && box.querySelector('input[data-slider="' + i + '"]');
    if (!input || !def) { return; }
    var steps = def.steps || [];
    var active = Math.max(0, Math.min(steps.length - 1, def.active || 0));
    input.max = String(Math.max(steps.length - 1, 0));
    input.value = String(active);
    input.dataset.name = def.name || "";
    var text = stepText(steps[active]);
    input.setAttribute("aria-valuetext", text);
    var out = box.querySelector('output[for="' + input.id + '"]');
    if (out) { out.textContent = text; }
    var ends = input.parentNode.querySelectorAll(".course-range-ends span");
    if (ends.length === 2 && steps.length) {
      ends[0].textContent = stepText(steps[0]);
      ends[1].textContent = stepText(steps[steps.length - 1]);
    }
  }

  function showMenu(gd, m) {
    var box = controlsOf(gd), menu = gd._course.menus[m];
    if (!box || !menu) { return; }
    var active = menu.active || 0;
    var select = box.querySelector('select[data-menu="' + m + '"]');
    if (select) { select.selectedIndex = active; }
    box.querySelectorAll('button[data-menu="' + m + '"][aria-pressed]').forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.item) === active));
    });
  }

  function moveControls(gd, changes) {
    Object.keys(changes.sliders).forEach(function (i) {
      var old = gd._course.sliders[i] || {};
      gd._course.sliders[i] = Object.assign({}, old, changes.sliders[i]);
      showSlider(gd, Number(i));
    });
    Object.keys(changes.updatemenus).forEach(function (m) {
      var old = gd._course.menus[m] || {};
      gd._course.menus[m] = Object.assign({}, old, changes.updatemenus[m]);
      showMenu(gd, Number(m));
    });
  }

  function ignore() { /* an interrupted animation rejects its promise: nothing to do */ }

  // Other scripts (class-tools.js: the address of a setting, progress) follow the figures
  // through these events, and set a figure through window.courseFigures.
  function announce(gd, name) {
    gd.dispatchEvent(new CustomEvent(name, {bubbles: true}));
  }

  // Stop a running animation (a Play) before another control changes the figure.
  function stopPlaying(gd) {
    if (!gd._course.playing) { return Promise.resolve(); }
    gd._course.playing = false;
    return Promise.resolve(window.Plotly.animate(gd, [null], {
      mode: "immediate", frame: {duration: 0, redraw: false}, transition: {duration: 0}
    })).catch(ignore);
  }

  // Apply one entry's precomputed state (a menu choice or a slider step).
  function run(gd, entry) {
    var P = window.Plotly, args = entry.args || [], split;
    switch (entry.method) {
      case "restyle":
        return P.restyle(gd, args[0], args[1]);
      case "relayout":
        split = splitLayout(args[0]);
        moveControls(gd, split.controls);
        return P.relayout(gd, split.rest);
      case "update":
        split = splitLayout(args[1]);
        moveControls(gd, split.controls);
        return P.update(gd, args[0] || {}, split.rest, args[2]);
      case "animate":
        var frames = args[0];
        if (Array.isArray(frames)) {
          frames = frames.map(function (f) {
            if (!f || typeof f !== "object" || !f.layout) { return f; }
            var parts = splitLayout(f.layout);
            moveControls(gd, parts.controls);
            return Object.assign({}, f, {layout: parts.rest});
          });
        }
        return Promise.resolve(P.animate(gd, frames, args[1])).catch(ignore);
      default:  // "skip"
        return Promise.resolve();
    }
  }

  function showPlaying(gd, playing) {
    var box = controlsOf(gd);
    if (!box) { return; }
    box.querySelectorAll("button.course-play").forEach(function (b) {
      b.textContent = playing ? t("pause") : b.dataset.label;
    });
  }

  function play(gd, entry) {
    if (gd._course.playing) { stopPlaying(gd).then(function () { showPlaying(gd, false); }); return; }
    gd._course.playing = true;
    showPlaying(gd, true);
    run(gd, entry).then(function () {
      gd._course.playing = false;
      showPlaying(gd, false);
    });
  }

  function chooseMenu(gd, m, j) {
    var menu = gd._course.menus[m];
    if (!menu || !menu.buttons || !menu.buttons[j]) { return Promise.resolve(); }
    menu.active = j;
    showMenu(gd, m);
    var entry = menu.buttons[j];
    announce(gd, "course:changed");
    return stopPlaying(gd).then(function () { return run(gd, entry); });
  }

  function chooseStep(gd, i, k) {
    var def = gd._course.sliders[i];
    if (!def || !def.steps || !def.steps[k]) { return Promise.resolve(); }
    def.active = k;
    showSlider(gd, i);
    var entry = def.steps[k];
    announce(gd, "course:changed");
    return stopPlaying(gd).then(function () { return run(gd, entry); });
  }

  // Wire the frame's native controls to the chart (once), and enable them.
  function connectControls(gd) {
    var box = controlsOf(gd);
    if (!box) { return; }
    if (!box.dataset.connected) {
      box.dataset.connected = "yes";
      box.addEventListener("change", function (ev) {
        var el = ev.target;
        if (el.matches("select[data-menu]")) { chooseMenu(gd, Number(el.dataset.menu), el.selectedIndex); }
      });
      box.addEventListener("input", function (ev) {
        var el = ev.target;
        if (el.matches("input[data-slider]")) { chooseStep(gd, Number(el.dataset.slider), Number(el.value)); }
      });
      box.addEventListener("click", function (ev) {
        var el = ev.target.closest("button[data-menu]");
        if (!el || el.disabled) { return; }
        var m = Number(el.dataset.menu), j = Number(el.dataset.item);
        if (el.classList.contains("course-play")) {
          var menu = gd._course.menus[m];
          if (menu && menu.buttons && menu.buttons[j]) { play(gd, menu.buttons[j]); }
        } else {
          chooseMenu(gd, m, j);
        }
      });
    }
    box.querySelectorAll("select, input, button").forEach(function (el) { el.disabled = false; });
  }

  // Redraw from the page's JSON (on a theme change), then bring back what the reader chose.
  function redraw(gd) {
    var before = gd._course;
    var ready = prepared(gd);
    gd._course = {menus: ready.controls.menus, sliders: ready.controls.sliders,
                  frames: ready.controls.frames, playing: false};
    return Promise.resolve(window.Plotly.react(gd, ready.figure)).then(function () {
      var chain = Promise.resolve();
      before.menus.forEach(function (menu, m) {
        var active = menu.active || 0;
        var now = gd._course.menus[m];
        if (now && (now.active || 0) !== active && !(now.type === "buttons" && now.showactive === false)) {
          chain = chain.then(function () { return chooseMenu(gd, m, active); });
        }
      });
      before.sliders.forEach(function (def, i) {
        chain = chain.then(function () {
          var now = gd._course.sliders[i];
          if (now && (now.active || 0) !== (def.active || 0)) { return chooseStep(gd, i, def.active || 0); }
        });
      });
      return chain;
    }).then(function () {
      gd._course.menus.forEach(function (_, m) { showMenu(gd, m); });
      gd._course.sliders.forEach(function (_, i) { showSlider(gd, i); });
    });
  }

  function restyleAll() {
    document.querySelectorAll("div.course-figure[data-drawn=yes]").forEach(function (gd) {
      redraw(gd).catch(function (err) { console.error(err); });
    });
  }

  // plotly.js is loaded once, and only when a figure comes near the screen, so that the
  // text of a plot page paints first. The Sphinx extension names its URL on figure pages.
  // The course's bundle starts in steps (scripts/node/plotly-course.js): asked with
  // data-steps, it leaves them in window.CoursePlotlySteps, and they run one task each, so
  // that the page still answers clicks and keys while plotly.js starts.
  var plotlyLoading = null;
  function startInSteps(steps) {
    return new Promise(function (resolve, reject) {
      var i = 0, value;
      (function next() {
        try {
          value = steps[i](value) || value;
        } catch (err) {
          reject(err);
          return;
        }
        i += 1;
        if (i < steps.length) { setTimeout(next, 0); return; }
        window.Plotly = value;
        resolve(value);
      })();
    });
  }

  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var src = window.COURSE_PLOTLY_SRC;
        if (!src) { reject(new Error("course.js: this page does not name plotly.js")); return; }
        var s = document.createElement("script");
        s.src = src;
        s.setAttribute("data-steps", "");
        s.onload = function () {
          var steps = window.CoursePlotlySteps;
          delete window.CoursePlotlySteps;
          if (window.Plotly || !steps) { resolve(window.Plotly); return; }
          startInSteps(steps).then(resolve, reject);
        };
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
      var ready = prepared(div);
      div._course = {menus: ready.controls.menus, sliders: ready.controls.sliders,
                     frames: ready.controls.frames, playing: false};
      div.dataset.drawn = "pending";
      return window.Plotly.newPlot(div, ready.figure);
    }).then(function () {
      // A Play moves the slider with each frame it shows.
      div.on("plotly_animatingframe", function (ev) {
        var changes = ev && div._course.frames[ev.name];
        if (changes) { moveControls(div, changes); }
      });
      connectControls(div);
      div.dataset.drawn = "yes";
      announce(div, "course:drawn");
      // The height stays reserved (no layout shift); a narrow layout may be taller.
      div.style.height = "";
      div.style.minHeight = div.layout && div.layout.height ? div.layout.height + "px" : "";
    }).catch(function (err) {
      div.dataset.drawn = "failed";
      console.error(err);
    });
  }

  window.courseFigures = {
    draw: function (div) { return drawFigure(div); },
    chooseMenu: function (gd, m, j) { return chooseMenu(gd, m, j); },
    chooseStep: function (gd, i, k) { return chooseStep(gd, i, k); }
  };

  function drawAll() {
    return Promise.all(Array.prototype.map.call(document.querySelectorAll("div.course-figure"), drawFigure));
  }

  // Printing draws every figure first. The browser lays the pages out as soon as the
  // beforeprint handlers (and the promises they settle) have run, so a page whose figures
  // were never scrolled into view fetches plotly.js synchronously there, from this site.
  // (A page opened from a file cannot: Ctrl+P and window.print() wait for the figures instead.)
  function loadPlotlyNow() {
    if (window.Plotly || plotlyLoading || !window.COURSE_PLOTLY_SRC) { return; }
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", window.COURSE_PLOTLY_SRC, false);
      xhr.send();
      if (xhr.status !== 200) { return; }
      var s = document.createElement("script");
      s.text = xhr.responseText;
      document.head.appendChild(s);
      if (window.Plotly) { plotlyLoading = Promise.resolve(window.Plotly); }
    } catch (e) { /* a file:// page: the asynchronous loader below still runs */ }
  }

  function drawForPrint() {
    loadPlotlyNow();
    return drawAll();
  }

  function printWhenDrawn() {
    var print = window.print;
    window.print = function () {
      var self = this, args = arguments;
      Promise.all([drawForPrint(), typesetForPrint()]).then(function () { print.apply(self, args); });
    };
    document.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && (ev.key === "p" || ev.key === "P")) {
        ev.preventDefault();
        window.print();
      }
    });
  }

  function watchFigures() {
    var divs = document.querySelectorAll("div.course-figure");
    if (!divs.length) { return; }
    // Printing shows every figure, seen or not.
    window.addEventListener("beforeprint", drawForPrint);
    printWhenDrawn();
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
      out.textContent = t("score", {right: done, total: total});
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
      feedback.textContent = t("chooseFirst");
      feedback.className = "course-quiz-feedback";
      return;
    }
    var right = chosen.dataset.correct === "true";
    var explain = form.querySelector('[data-feedback-for="' + chosen.value + '"]');
    chosen.parentNode.classList.add(right ? "is-correct" : "is-wrong");
    feedback.textContent = t(right ? "correct" : "notQuite") + (LANG === "ja" ? "" : " ") +
      (explain ? explain.textContent : "");
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

  // Before a print started by Ctrl+P or window.print(): MathJax loaded and the page typeset
  // (at most ten seconds; then the page prints as it is).
  var typesetForPrint = function () { return Promise.resolve(); };

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
    typesetForPrint = function () {
      load();
      return new Promise(function (resolve) {
        var waited = 0;
        (function poll() {
          var mj = window.MathJax;
          if (mj && mj.startup && mj.startup.promise) { mj.startup.promise.then(resolve, resolve); return; }
          if ((waited += 50) > 10000) { resolve(); return; }
          setTimeout(poll, 50);
        })();
      });
    };
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
