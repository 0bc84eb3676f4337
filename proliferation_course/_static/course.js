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
      var keys = path.split("."), obj = layout;
      for (var i = 0; i < keys.length - 1; i++) {
        if (typeof obj[keys[i]] !== "object" || obj[keys[i]] === null) { obj[keys[i]] = {}; }
        obj = obj[keys[i]];
      }
      var last = keys[keys.length - 1];
      if (changes[path] === null) { delete obj[last]; } else { obj[last] = changes[path]; }
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
      var fig = JSON.parse(source.textContent);
      var narrow = fig.layout && fig.layout.meta && fig.layout.meta.narrow;
      // A figure may declare a layout for narrow screens (e.g. panels stacked).
      if (narrow && div.clientWidth < NARROW) { applyLayout(fig.layout, narrow); }
      div.dataset.drawn = "pending";
      window.Plotly.newPlot(div, fig).then(function () {
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
    setUpQuizzes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
