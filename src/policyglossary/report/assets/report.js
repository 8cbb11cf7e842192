// The check report's viewer: reads the JSON data blocks written above it, then filters,
// groups and pages the findings. Text only ever goes into the page as text (textContent),
// never as markup, so nothing in a segment can run or break the page.
(function () {
  "use strict";
  var PAGE = 100;
  var SEVERITIES = ["error", "warning", "info"];

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "cls") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function blocks(selector, each) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) each(JSON.parse(nodes[i].textContent));
  }

  var findings = [];
  blocks("script.pg-findings", function (items) {
    for (var i = 0; i < items.length; i++) findings.push(items[i]);
  });
  var concepts = {};
  blocks("script.pg-concepts", function (items) {
    for (var key in items) concepts[key] = items[key];
  });
  var meta = JSON.parse(document.getElementById("pg-meta").textContent);

  function plural(n, word, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? word : many || word + "s");
  }
  function termLabel(f) { return f.term ? f.term + (f.concept ? " (" + f.concept + ")" : "") : ""; }

  // ---------------------------------------------------------------- header
  document.getElementById("meta").textContent =
    plural(meta.files.length, "file") + ", " + plural(meta.segments, "segment") +
    " · term base " + meta.termbase + " · " + meta.date + " · policyglossary " + meta.version;
  var counts = document.getElementById("counts");
  SEVERITIES.forEach(function (sev, i) {
    if (i) counts.appendChild(document.createTextNode(", "));
    counts.appendChild(el("span", {cls: sev, text: plural(meta.counts[sev] || 0, sev)}));
  });
  if (meta.baseline) {
    var hidden = 0;
    for (var s in meta.baseline.suppressed) hidden += meta.baseline.suppressed[s];
    counts.appendChild(el("span", {cls: "suppressed", text: " · " + hidden +
      " suppressed by the baseline " + meta.baseline.file + ", " +
      plural(meta.baseline.stale, "stale entry", "stale entries")}));
  }
  meta.failures.forEach(function (failure) {
    document.querySelector("header").appendChild(el("p", {cls: "meta", text: "Unreadable: " + failure}));
  });

  // ---------------------------------------------------------------- filters
  function tally(key) {
    var seen = {};
    findings.forEach(function (f) { var k = key(f); seen[k] = (seen[k] || 0) + 1; });
    return seen;
  }
  function fill(select, table, label) {
    var keys = Object.keys(table).sort();
    keys.forEach(function (k) {
      select.appendChild(el("option", {value: k, text: (k === "" ? "(none)" : label(k)) + " (" + table[k] + ")"}));
    });
  }
  var ruleSelect = document.getElementById("f-rule");
  var termSelect = document.getElementById("f-term");
  var fileSelect = document.getElementById("f-file");
  var textInput = document.getElementById("f-text");
  var groupSelect = document.getElementById("group");
  fill(ruleSelect, tally(function (f) { return f.rule; }), String);
  var termNames = {};
  findings.forEach(function (f) { termNames[f.concept || ""] = termLabel(f); });
  fill(termSelect, tally(function (f) { return f.concept || ""; }), function (k) { return termNames[k]; });
  fill(fileSelect, tally(function (f) { return f.file; }), String);
  var sevBoxes = {};
  SEVERITIES.forEach(function (sev) { sevBoxes[sev] = document.getElementById("f-" + sev); });
  var bySeverity = tally(function (f) { return f.severity; });
  SEVERITIES.forEach(function (sev) {
    document.getElementById("n-" + sev).textContent = " (" + (bySeverity[sev] || 0) + ")";
  });

  var page = 0;
  var shown = [];

  function matches(f, query) {
    if (!sevBoxes[f.severity].checked) return false;
    if (ruleSelect.value && f.rule !== ruleSelect.value) return false;
    if (termSelect.value !== "*" && (f.concept || "") !== termSelect.value) return false;
    if (fileSelect.value && f.file !== fileSelect.value) return false;
    if (query) {
      var hay = [f.message, f.source, f.target, f.term, f.segment].join("\n").toLowerCase();
      if (hay.indexOf(query) < 0) return false;
    }
    return true;
  }

  function groupKey(f) {
    var by = groupSelect.value;
    if (by === "rule") return f.rule;
    if (by === "term") return f.concept ? termLabel(f) : "(no term)";
    if (by === "file") return f.file;
    return "";
  }

  function apply() {
    var query = textInput.value.trim().toLowerCase();
    shown = findings.filter(function (f) { return matches(f, query); });
    if (groupSelect.value !== "none") {
      shown.forEach(function (f, i) { f._i = i; });
      shown.sort(function (a, b) {
        var ka = groupKey(a), kb = groupKey(b);
        return ka < kb ? -1 : ka > kb ? 1 : a._i - b._i;
      });
    }
    page = 0;
    render();
  }

  // ---------------------------------------------------------------- findings
  function highlighted(text, spans, cls) {
    var frag = document.createDocumentFragment();
    var chars = Array.from(text);  // offsets are in code points, as Python counts them
    var at = 0;
    (spans || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var start = Math.max(span[0], at), end = Math.min(span[1], chars.length);
      if (start >= end) return;
      if (start > at) frag.appendChild(document.createTextNode(chars.slice(at, start).join("")));
      frag.appendChild(el("mark", {cls: cls, text: chars.slice(start, end).join("")}));
      at = end;
    });
    if (at < chars.length) frag.appendChild(document.createTextNode(chars.slice(at).join("")));
    return frag;
  }

  function side(label, text, spans, cls, lang) {
    var box = el("div", {cls: label, lang: lang}, el("span", {cls: "label", text: label}));
    if (text === null || text === undefined) box.appendChild(el("span", {cls: "missing", text: "(not available)"}));
    else if (text === "") box.appendChild(el("span", {cls: "missing", text: "(empty)"}));
    else box.appendChild(highlighted(text, spans, cls));
    return box;
  }

  function findingNode(f) {
    var head = el("div", {cls: "head"}, el("span", {cls: "badge", text: f.severity}),
      el("span", {cls: "rule", text: f.rule}));
    if (f.concept) {
      var button = el("button", {cls: "term", type: "button", title: "Look up this term", text: termLabel(f)});
      button.addEventListener("click", function () { showCard(f.concept, f.term); });
      head.appendChild(button);
    }
    head.appendChild(el("span", {cls: "where", text: f.file + (f.line ? ":" + f.line : "") +
      (f.segment !== null ? " [segment " + f.segment + "]" : "")}));
    var node = el("article", {cls: "finding sev-" + f.severity}, head,
      el("p", {cls: "message", text: f.message}),
      el("div", {cls: "texts"}, side("source", f.source, f.source_spans, "term", "zh"),
        side("target", f.target, f.target_spans, "rendering", "en")));
    if (f.expected && f.expected.length) {
      node.appendChild(el("p", {cls: "expected", text: "Expected: " + f.expected.join(" | ")}));
    }
    return node;
  }

  function render() {
    var list = document.getElementById("list");
    list.textContent = "";
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    var first = page * PAGE, last = Math.min(shown.length, first + PAGE);
    document.getElementById("status").textContent = shown.length === 0 ?
      "No finding matches these filters (" + plural(findings.length, "finding") + " in all)" :
      "Showing " + (first + 1).toLocaleString("en") + "–" + last.toLocaleString("en") + " of " +
      plural(shown.length, "finding") + (shown.length < findings.length ?
        " (" + findings.length.toLocaleString("en") + " in all)" : "");
    document.getElementById("page").textContent = "page " + (page + 1) + " of " + pages;
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
    var groupSizes = {};
    if (groupSelect.value !== "none") {
      shown.forEach(function (f) { var k = groupKey(f); groupSizes[k] = (groupSizes[k] || 0) + 1; });
    }
    var current = null;
    for (var i = first; i < last; i++) {
      var f = shown[i];
      if (groupSelect.value !== "none") {
        var key = groupKey(f);
        if (key !== current) {
          current = key;
          list.appendChild(el("h2", {cls: "group"}, key + " ",
            el("span", {cls: "n", text: "(" + groupSizes[key] + (i === first && i > 0 &&
              groupKey(shown[i - 1]) === key ? ", continued" : "") + ")"})));
        }
      }
      list.appendChild(findingNode(f));
    }
    if (!shown.length) list.appendChild(el("p", {cls: "empty", text: "Nothing to show."}));
  }

  // ---------------------------------------------------------------- lookup card
  function isLink(text) { return /^https?:\/\//i.test(text); }

  function showCard(id, headword) {
    var card = document.getElementById("card");
    card.textContent = "";
    var close = el("button", {cls: "close", type: "button", title: "Close", text: "×"});
    close.addEventListener("click", function () { card.hidden = true; });
    card.appendChild(close);
    var c = concepts[id];
    if (!c) {
      card.appendChild(el("h3", {text: headword || id}));
      card.appendChild(el("p", {text: "This concept is not in the term base the report was made with."}));
      card.hidden = false;
      return;
    }
    card.appendChild(el("h3", {lang: "zh", text: c.zh}));
    card.appendChild(el("div", {cls: "id", text: (c.en ? c.en + " · " : "") + "concept " + c.id}));
    var table = el("table", null, el("tr", null, el("th", {text: "lang"}), el("th", {text: "term"}),
      el("th", {text: "status"}), el("th", {text: "why / use"})));
    c.terms.forEach(function (t) {
      var why = [t.reason, t.replacement ? "use: " + t.replacement :
        (t.status === "forbidden" || t.status === "superseded") && c.en ? "use: " + c.en : "",
        t.note].filter(Boolean).join(" · ");
      table.appendChild(el("tr", {cls: "term-row"}, el("td", {text: t.lang}),
        el("td", {lang: t.lang === "en" ? "en" : "zh", text: t.text}),
        el("td", {cls: "st-" + t.status, text: t.status}), el("td", {text: why})));
    });
    card.appendChild(table);
    var fields = el("dl");
    [["subject field", c["subject-field"]], ["part of speech", c["part-of-speech"]],
     ["definition", c.definition], ["context", c.context], ["note", c.note],
     ["status", c.verified ? "verified" : "unverified"]].forEach(function (pair) {
      if (pair[1]) { fields.appendChild(el("dt", {text: pair[0]})); fields.appendChild(el("dd", {text: pair[1]})); }
    });
    if (c.sources && c.sources.length) {
      fields.appendChild(el("dt", {text: "sources"}));
      c.sources.forEach(function (src) {
        fields.appendChild(el("dd", null, isLink(src) ?
          el("a", {href: src, rel: "noopener noreferrer", target: "_blank", text: src}) : src));
      });
    }
    card.appendChild(fields);
    card.hidden = false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") document.getElementById("card").hidden = true;
  });

  // ---------------------------------------------------------------- wiring
  [ruleSelect, termSelect, fileSelect, groupSelect].forEach(function (s) { s.addEventListener("change", apply); });
  SEVERITIES.forEach(function (sev) { sevBoxes[sev].addEventListener("change", apply); });
  textInput.addEventListener("input", apply);
  document.getElementById("prev").addEventListener("click", function () { page--; render(); window.scrollTo(0, 0); });
  document.getElementById("next").addEventListener("click", function () { page++; render(); window.scrollTo(0, 0); });
  apply();
  document.body.setAttribute("data-ready", "true");
})();
