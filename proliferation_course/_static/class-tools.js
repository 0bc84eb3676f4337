// The course's class tools, in the reader's browser only (nothing leaves it):
// * every explorer's setting is kept in the page's address (?fig2=m0-1_s0-5), so that
//   opening the address brings the same setting back, and "Cite this setting" gives a
//   citation naming the course, its version, the chapter, the explorer, its settings
//   and the address;
// * a record of the reader's progress (pages opened, explorers used; the quizzes keep
//   their answers themselves), shown on the progress page, where it can be exported to a
//   small file, imported from one, and reset.
(function () {
  "use strict";

  var STORE = "course-progress:v1";
  var QUIZ_STORE = "course-quiz:";
  var FILE_KIND = "course-progress";
  var TEXT = {
    en: {
      cite: "Cite this setting", hide: "Hide the citation", copy: "Copy", copied: "Copied.",
      copyHint: "Select the text and copy it.", link: "Address of this setting",
      chapter: "Chapter", explorer: "explorer", settings: "settings", version: "version",
      none: "(its first setting)",
      opened: "Opened", notOpened: "Not yet", answered: " of {n} answered correctly",
      noQuiz: "Not answered yet", explorersUsed: "{n} used", noExplorer: "None used yet",
      exported: "Your progress is saved in the file {file}.",
      imported: "Progress imported from {file}.",
      resetAsk: "Delete your progress in this browser (pages opened, explorers used, quiz answers)?",
      resetDone: "Your progress in this browser is deleted.",
      badFile: "{file} is not a progress file of this course: {why}",
      whyJson: "it is not JSON", whyKind: "it does not say it is a course progress file",
      whyVersion: "it was written by another version of the progress file ({v})",
      whyPart: "the part \"{part}\" is missing or malformed",
      noStorage: "This browser does not let the page keep data (private mode or blocked storage): " +
        "your progress cannot be recorded here."
    },
    ja: {
      cite: "この設定を引用する", hide: "引用を閉じる", copy: "コピー", copied: "コピーした。",
      copyHint: "文字列を選択してコピーすること。", link: "この設定のアドレス",
      chapter: "章", explorer: "エクスプローラー", settings: "設定", version: "バージョン",
      none: "（初期設定）",
      opened: "閲覧済み", notOpened: "未閲覧", answered: "（全{n}問中）正解",
      noQuiz: "未回答", explorersUsed: "{n}件使用", noExplorer: "未使用",
      exported: "学習記録をファイル {file} に保存した。",
      imported: "{file} から学習記録を読み込んだ。",
      resetAsk: "このブラウザに保存された学習記録（閲覧した頁、使用したエクスプローラー、小テストの回答）を削除するか。",
      resetDone: "このブラウザの学習記録を削除した。",
      badFile: "{file} は本コースの学習記録ファイルではない：{why}",
      whyJson: "JSON 形式ではない", whyKind: "学習記録ファイルである旨の記載がない",
      whyVersion: "別の版の学習記録ファイルである（{v}）",
      whyPart: "「{part}」の部分が欠けているか、形式が正しくない",
      noStorage: "このブラウザはページによるデータ保存を許可していない（プライベートモード等）。" +
        "ここでは学習記録を残せない。"
    }
  };
  var lang = (document.documentElement.lang || "en").slice(0, 2) === "ja" ? "ja" : "en";
  function t(key, values) {
    var text = TEXT[lang][key];
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }

  // ---- where this page is in the site ----

  function siteRoot() {
    return new URL(document.documentElement.dataset.content_root || "./", window.location.href);
  }
  function pagePath() {
    var here = new URL(window.location.href);
    var root = siteRoot();
    var path = here.pathname.indexOf(root.pathname) === 0 ? here.pathname.slice(root.pathname.length)
      : here.pathname;
    return decodeURIComponent(path || "index.html");
  }
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  }

  // ---- the stored record ----

  function emptyRecord() { return {pages: {}, explorers: {}}; }
  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(STORE + ":probe", "1");
      s.removeItem(STORE + ":probe");
      return s;
    } catch (e) { return null; }
  }
  function load() {
    var s = storage();
    if (!s) { return emptyRecord(); }
    try {
      var rec = JSON.parse(s.getItem(STORE) || "null");
      if (rec && typeof rec.pages === "object" && typeof rec.explorers === "object") { return rec; }
    } catch (e) { /* a damaged record starts afresh */ }
    return emptyRecord();
  }
  function save(rec) {
    var s = storage();
    if (s) { s.setItem(STORE, JSON.stringify(rec)); }
  }
  function quizAnswers() {
    var s = storage(), out = {};
    if (!s) { return out; }
    for (var i = 0; i < s.length; i++) {
      var key = s.key(i);
      if (key && key.indexOf(QUIZ_STORE) === 0) {
        try { out[key.slice(QUIZ_STORE.length)] = JSON.parse(s.getItem(key) || "{}"); } catch (e) { /* skip */ }
      }
    }
    return out;
  }

  function recordVisit() {
    var rec = load();
    var path = pagePath();
    if (!rec.pages[path]) { rec.pages[path] = true; save(rec); }
  }
  function recordExplorer(gd) {
    var rec = load();
    var key = pagePath() + "#" + gd.id;
    if (!rec.explorers[key]) { rec.explorers[key] = true; save(rec); }
  }

  // ---- a figure's setting, in the address ----

  function paramName(gd) { return gd.id.replace(/^course-fig-/, "fig"); }
  function controlsOf(gd) {
    return gd.parentNode.querySelector('[data-controls-for="' + gd.id + '"]');
  }
  // The controls whose value is a setting (not a Play button), in order: [kind, index, element].
  function settingControls(gd) {
    var box = controlsOf(gd), out = [], seen = {};
    if (!box) { return out; }
    box.querySelectorAll("select[data-menu], button[data-menu][aria-pressed], input[data-slider]")
      .forEach(function (el) {
        var kind = el.matches("input") ? "s" : "m";
        var n = el.matches("input") ? el.dataset.slider : el.dataset.menu;
        if (seen[kind + n]) { return; }
        seen[kind + n] = true;
        out.push([kind, Number(n), el]);
      });
    return out;
  }
  function currentState(gd) {
    var c = gd._course;
    if (!c) { return ""; }
    return settingControls(gd).map(function (entry) {
      var def = entry[0] === "m" ? c.menus[entry[1]] : c.sliders[entry[1]];
      return entry[0] + entry[1] + "-" + ((def && def.active) || 0);
    }).join("_");
  }
  function parseState(text) {
    var parts = [];
    (text || "").split("_").forEach(function (p) {
      var m = /^([ms])(\d+)-(\d+)$/.exec(p);
      if (m) { parts.push({kind: m[1], index: Number(m[2]), active: Number(m[3])}); }
    });
    return parts;
  }
  function writeAddress(gd) {
    var url = new URL(window.location.href);
    url.searchParams.set(paramName(gd), currentState(gd));
    var query = [];
    url.searchParams.forEach(function (v, k) { query.push(k + "=" + v); });  // readable: no %-escapes
    var next = url.pathname + (query.length ? "?" + query.join("&") : "") + url.hash;
    try { window.history.replaceState(window.history.state, "", next); } catch (e) { /* file:// in some browsers */ }
  }
  function addressOf(gd) {
    var url = new URL(window.location.href);
    // (a file:// address has no origin: build it from its parts)
    return url.protocol + "//" + url.host + url.pathname + "?" + paramName(gd) + "=" + currentState(gd) +
      "#" + gd.id + "-frame";
  }
  var restoring = {};
  function restore(gd) {
    var wanted = new URL(window.location.href).searchParams.get(paramName(gd));
    if (!wanted || !window.courseFigures) { return Promise.resolve(); }
    restoring[gd.id] = true;
    var steps = parseState(wanted);
    // Menus first (a preset may bring its own slider), then the sliders.
    steps.sort(function (a, b) { return (a.kind === b.kind) ? 0 : (a.kind === "m" ? -1 : 1); });
    var chain = Promise.resolve();
    steps.forEach(function (s) {
      chain = chain.then(function () {
        var c = gd._course;
        var def = s.kind === "m" ? c.menus[s.index] : c.sliders[s.index];
        if (!def || ((def.active || 0) === s.active)) { return null; }
        return s.kind === "m" ? window.courseFigures.chooseMenu(gd, s.index, s.active)
          : window.courseFigures.chooseStep(gd, s.index, s.active);
      });
    });
    return chain.then(function () {
      delete restoring[gd.id];
      gd.dataset.restored = "yes";
    });
  }

  // ---- "Cite this setting" ----

  function controlLabel(el) {
    var box = el.closest(".course-control") || el.parentNode;
    var label = box && box.querySelector(".course-control-label, label");
    return label ? label.textContent.trim() : "";
  }
  function controlValue(el) {
    if (el.matches("select")) { return el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : ""; }
    if (el.matches("input")) { return el.getAttribute("aria-valuetext") || el.value; }
    var group = el.parentNode.querySelectorAll('button[data-menu="' + el.dataset.menu + '"][aria-pressed=true]');
    return group.length ? group[0].textContent.trim() : "";
  }
  function chapterTitle() {
    var h1 = document.querySelector("main h1, article h1, h1");
    return h1 ? h1.textContent.replace(/[#¶]\s*$/, "").trim() : document.title;
  }
  function citation(gd) {
    var frame = document.getElementById(gd.id + "-frame");
    var title = frame && frame.querySelector(".course-frame-title");
    var settings = settingControls(gd).map(function (entry) {
      return controlLabel(entry[2]) + ": " + controlValue(entry[2]);
    }).filter(function (s) { return s.length > 2; });
    var course = meta("course-title") || "Selective nuclear proliferation: a course";
    var authors = meta("course-authors") || "The course authors";
    var version = meta("course-version");
    var year = (meta("course-released") || "").slice(0, 4);
    var explorer = title ? title.textContent.trim() : gd.id;
    if (lang === "ja") {  // as the Japanese panel in Jupyter cites: 著者（年）『書名』バージョン…、…。
      return authors + (year ? "（" + year + "）" : "") + "『" + course + "』" + t("version") + version + "、" +
        t("chapter") + "「" + chapterTitle() + "」、" + t("explorer") + "「" + explorer + "」、" + t("settings") +
        "：" + (settings.length ? settings.join("、") : t("none")) + "。" + addressOf(gd);
    }
    return authors + (year ? " (" + year + "). " : ". ") + course + ", " + t("version") + " " + version + ". " +
      t("chapter") + ": \u201c" + chapterTitle() + "\u201d; " + t("explorer") + ": \u201c" + explorer +
      "\u201d; " + t("settings") + ": " + (settings.length ? settings.join("; ") : t("none")) + ". " + addressOf(gd);
  }
  function addCiteControl(gd) {
    var frame = document.getElementById(gd.id + "-frame");
    var foot = frame && frame.querySelector(".course-frame-foot");
    if (!foot || foot.querySelector(".course-cite") || !settingControls(gd).length) { return; }
    var box = document.createElement("div");
    box.className = "course-cite";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "course-cite-toggle";
    button.textContent = t("cite");
    button.setAttribute("aria-expanded", "false");
    var panel = document.createElement("div");
    panel.className = "course-cite-panel";
    panel.hidden = true;
    panel.id = gd.id + "-cite";
    button.setAttribute("aria-controls", panel.id);
    var text = document.createElement("textarea");
    text.readOnly = true;
    text.rows = 4;
    text.className = "course-cite-text";
    text.setAttribute("aria-label", t("cite"));
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "course-cite-copy";
    copy.textContent = t("copy");
    var status = document.createElement("span");
    status.className = "course-cite-status";
    status.setAttribute("role", "status");
    var link = document.createElement("a");
    link.className = "course-cite-link";
    link.textContent = t("link");
    panel.append(text, copy, status, document.createElement("br"), link);
    box.append(button, panel);
    foot.appendChild(box);
    function refresh() {
      text.value = citation(gd);
      link.href = addressOf(gd);
    }
    button.addEventListener("click", function () {
      var open = panel.hidden;
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? t("hide") : t("cite");
      if (open) { refresh(); }
    });
    gd.addEventListener("course:changed", function () { if (!panel.hidden) { setTimeout(refresh, 0); } });
    copy.addEventListener("click", function () {
      refresh();
      text.select();
      var done = function () { status.textContent = t("copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text.value).then(done, function () { status.textContent = t("copyHint"); });
      } else {
        try { status.textContent = document.execCommand("copy") ? t("copied") : t("copyHint"); }
        catch (e) { status.textContent = t("copyHint"); }
      }
    });
  }

  function watchFigures() {
    document.addEventListener("course:drawn", function (ev) {
      var gd = ev.target;
      addCiteControl(gd);
      restore(gd);
    });
    document.addEventListener("course:changed", function (ev) {
      var gd = ev.target;
      // the event comes before the figure's state moves on: read it once it has
      setTimeout(function () {
        writeAddress(gd);
        if (!restoring[gd.id]) { recordExplorer(gd); }
      }, 0);
    });
    // A figure named in the address is drawn at once and shown.
    var params = new URL(window.location.href).searchParams;
    var first = null;
    document.querySelectorAll("div.course-figure").forEach(function (div) {
      if (params.get(paramName(div)) !== null && window.courseFigures) {
        window.courseFigures.draw(div);
        first = first || div;
      }
    });
    if (first && !window.location.hash) {
      var frame = document.getElementById(first.id + "-frame");
      if (frame) { frame.scrollIntoView(); }
    }
  }

  // ---- the progress page ----

  function say(el, text) { if (el) { el.textContent = text; } }

  function showProgress(root) {
    var rec = load(), answers = quizAnswers();
    var status = root.querySelector("[data-progress-status]");
    if (!storage()) { say(status, t("noStorage")); }
    root.querySelectorAll("tr[data-page]").forEach(function (row) {
      var page = row.dataset.page;
      say(row.querySelector("[data-cell=opened]"), rec.pages[page] ? t("opened") : t("notOpened"));
      row.classList.toggle("is-opened", Boolean(rec.pages[page]));
      var quiz = row.dataset.quiz, quizCell = row.querySelector("[data-cell=quiz]");
      if (quiz && quizCell) {
        var given = answers[quiz] || {}, keys = JSON.parse(row.dataset.answers || "{}");
        var right = Object.keys(keys).filter(function (q) { return given[q] === keys[q]; }).length;
        say(quizCell, Object.keys(given).length ? right + t("answered", {n: Object.keys(keys).length})
          : t("noQuiz"));
      }
      var used = Object.keys(rec.explorers).filter(function (k) { return k.split("#")[0] === page; }).length;
      say(row.querySelector("[data-cell=explorers]"), used ? t("explorersUsed", {n: used}) : t("noExplorer"));
    });
  }

  function exportProgress(root) {
    var data = {kind: FILE_KIND, version: 1, course: meta("course-title"), courseVersion: meta("course-version"),
                record: load(), quizzes: quizAnswers()};
    var file = "course-progress.json";
    var blob = new Blob([JSON.stringify(data, null, 1)], {type: "application/json"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = file;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    say(root.querySelector("[data-progress-status]"), t("exported", {file: file}));
  }

  // Read a progress file; an error names the file and what is wrong with it.
  function readProgress(name, text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error(t("badFile", {file: name, why: t("whyJson")})); }
    if (!data || data.kind !== FILE_KIND) { throw new Error(t("badFile", {file: name, why: t("whyKind")})); }
    if (data.version !== 1) {
      throw new Error(t("badFile", {file: name, why: t("whyVersion", {v: String(data.version)})}));
    }
    var rec = data.record;
    ["pages", "explorers"].forEach(function (part) {
      if (!rec || typeof rec[part] !== "object" || rec[part] === null || Array.isArray(rec[part])) {
        throw new Error(t("badFile", {file: name, why: t("whyPart", {part: "record." + part})}));
      }
    });
    if (typeof data.quizzes !== "object" || data.quizzes === null || Array.isArray(data.quizzes)) {
      throw new Error(t("badFile", {file: name, why: t("whyPart", {part: "quizzes"})}));
    }
    return data;
  }

  function importProgress(root, file) {
    var status = root.querySelector("[data-progress-status]");
    file.text().then(function (text) {
      var data = readProgress(file.name, text);
      var s = storage();
      if (!s) { say(status, t("noStorage")); return; }
      s.setItem(STORE, JSON.stringify({pages: data.record.pages, explorers: data.record.explorers}));
      Object.keys(data.quizzes).forEach(function (quiz) {
        s.setItem(QUIZ_STORE + quiz, JSON.stringify(data.quizzes[quiz]));
      });
      showProgress(root);
      say(status, t("imported", {file: file.name}));
    }).catch(function (err) {
      say(status, err.message);
      status.classList.add("is-error");
    });
  }

  function resetProgress(root) {
    if (!window.confirm(t("resetAsk"))) { return; }
    var s = storage();
    if (s) {
      var keys = [];
      for (var i = 0; i < s.length; i++) {
        var key = s.key(i);
        if (key && (key === STORE || key.indexOf(QUIZ_STORE) === 0)) { keys.push(key); }
      }
      keys.forEach(function (k) { s.removeItem(k); });
    }
    showProgress(root);
    say(root.querySelector("[data-progress-status]"), t("resetDone"));
  }

  function setUpProgressPage() {
    var root = document.querySelector("[data-course-progress]");
    if (!root) { return; }
    showProgress(root);
    var status = root.querySelector("[data-progress-status]");
    root.querySelector("[data-progress=export]").addEventListener("click", function () { exportProgress(root); });
    root.querySelector("[data-progress=reset]").addEventListener("click", function () { resetProgress(root); });
    var input = root.querySelector("input[data-progress=import]");
    input.addEventListener("change", function () {
      if (status) { status.classList.remove("is-error"); }
      if (input.files && input.files[0]) { importProgress(root, input.files[0]); }
      input.value = "";
    });
    root.querySelectorAll("button, input").forEach(function (el) { el.disabled = false; });
  }

  function start() {
    recordVisit();
    watchFigures();
    setUpProgressPage();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
