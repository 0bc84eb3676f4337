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
    if (narrow && div.clientWidth < NARROW) { applyLayout(fig.layout, narrow); }
    applyLayout(fig.layout, themeChanges({layout: fig.layout}));
    return fig;
  }

  function restyleAll() {
    document.querySelectorAll("div.course-figure[data-drawn=yes]").forEach(function (gd) {
      window.Plotly.react(gd, prepared(gd));
    });
  }

  function drawFigures() {
    var divs = document.querySelectorAll("div.course-figure");
    if (!divs.length) { return; }
    if (!window.Plotly) {
      console.warn("course.js: plotly.js is not loaded on this page");
      return;
    }
    divs.forEach(function (div) {
      if (div.dataset.drawn) { return; }
      var source = document.getElementById(div.dataset.figure);
      if (!source) { return; }
      // A figure may declare a layout for narrow screens (e.g. panels stacked), and
      // on a dark page it is recoloured before it is drawn.
      var fig = prepared(div);
      div.dataset.drawn = "pending";
      window.Plotly.newPlot(div, fig).then(function () {
        return applyTheme(div);
      }).then(function () {
        div.on("plotly_afterplot", function () { applyTheme(div); });
        div.dataset.drawn = "yes";
        div.style.height = "";
        div.style.minHeight = div.layout && div.layout.height ? div.layout.height + "px" : "";
      });
    });
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

  function start() {
    drawFigures();
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
