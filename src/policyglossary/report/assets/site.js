// The term base site's search and filters. The search follows `policyglossary lookup`
// (lookup.py): a Chinese query matches any part of a term in any script, an English query any
// rendering of any status, ignoring case, hyphens and regular inflection (englishKey below is
// a port of matching.english_key; the terms' keys come computed from Python).
(function () {
  "use strict";
  var data = window.PG_SEARCH || {concepts: [], t2s: {}};
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";

  // ------------------------------------------------------------ chinese.normalize_source
  var QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"',
    "』": '"', "〝": '"', "〞": '"', "＂": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "＇": "'", "\u00a0": " ", "\u3000": " "};
  var CJK = "\\u2e80-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var SPACE_BETWEEN_CJK = new RegExp("(?<=[" + CJK + "])\\s+(?=[" + CJK + "])", "gu");

  function normalizeSource(text) {
    text = text.normalize("NFKC");
    text = Array.from(text).map(function (ch) { return QUOTES[ch] || ch; }).join("");
    if (/\s/.test(text)) text = text.replace(SPACE_BETWEEN_CJK, "").replace(/\s+/g, " ");
    return text.toLowerCase();
  }

  function hasCjk(text) { return /[\u3400-\u9fff\uf900-\ufaff]/.test(text); }

  function toSimplified(text) {
    return Array.from(text).map(function (ch) { return data.t2s[ch] || ch; }).join("");
  }

  // ------------------------------------------------------------ matching.english_key
  var DROP = "'’‘ʼ`´′";
  var SPACE = '"“”„‟«»‹›「」『』〝〞＂-‐‑‒–—―−_,/、\u00a0\u2007\u202f\u2009\u200a\u3000';
  var TOKEN = /[\p{L}\p{N}]+|[^\p{L}\p{N}_\s]/gu;
  var ALPHA = /^\p{L}+$/u;

  function englishTokens(text) {
    var cleaned = Array.from(text.normalize("NFKC")).map(function (ch) {
      return DROP.indexOf(ch) >= 0 ? "" : SPACE.indexOf(ch) >= 0 ? " " : ch;
    }).join("");
    return cleaned.match(TOKEN) || [];
  }

  function ends(word, tails) {
    for (var i = 0; i < tails.length; i++) if (word.endsWith(tails[i])) return true;
    return false;
  }

  function stem(word) {
    var length = Array.from(word).length;
    if (length <= 3 || !ALPHA.test(word)) return word;
    if (ends(word, ["ies", "ied"]) && length > 4) return word.slice(0, -3) + "y";
    if (word.endsWith("sses")) return word.slice(0, -2);
    var base;
    if (word.endsWith("ing") && length > 5) base = word.slice(0, -3);
    else if ((word.endsWith("ed") && length > 4) ||
             (word.endsWith("es") && ("sxz".indexOf(word.charAt(word.length - 3)) >= 0 ||
                                      ends(word, ["ches", "shes"])))) base = word.slice(0, -2);
    else if (word.endsWith("s") && !ends(word, ["ss", "us", "is"])) base = word.slice(0, -1);
    else base = word;
    if (base.length > 3 && base.charAt(base.length - 1) === base.charAt(base.length - 2) &&
        "aeiouslz".indexOf(base.charAt(base.length - 1)) < 0) base = base.slice(0, -1);
    if (base.length > 3 && base.endsWith("e")) base = base.slice(0, -1);
    return base;
  }

  function englishKey(text) {
    return englishTokens(text).map(function (t) { return stem(t.toLowerCase()); }).join("");
  }

  // ------------------------------------------------------------ lookup.lookup
  function lookup(query) {
    query = query.trim();
    if (!query) return [];
    var hits = [];
    if (hasCjk(query)) {
      var typed = normalizeSource(query), simplified = normalizeSource(toSimplified(query));
      data.concepts.forEach(function (c) {
        var best = null, bestRank = 0;
        c.zh_terms.forEach(function (t) {  // [lang, text, status, normalized]
          var n = t[3];
          var rank = n === typed ? 3 : n === simplified ? 2 :
            (n.indexOf(typed) >= 0 || n.indexOf(simplified) >= 0) ? 1 : 0;
          if (rank && rank > bestRank) {
            bestRank = rank;
            best = {concept: c, text: t[1], lang: t[0], status: t[2], exact: rank >= 2};
          }
        });
        if (best) hits.push(best);
      });
    } else {
      var key = englishKey(query);
      var folded = query.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
      data.concepts.forEach(function (c) {
        var best = null;
        c.en_terms.forEach(function (t) {  // [text, status, key]
          if ((key && t[2].indexOf(key) >= 0) || t[0].toLowerCase().indexOf(folded) >= 0) {
            var hit = {concept: c, text: t[0], lang: "en", status: t[1], exact: t[2] === key};
            if (!best || (hit.exact && !best.exact)) best = hit;
          }
        });
        if (!best && folded === c.id) {
          best = {concept: c, text: c.en || c.id, lang: "en", status: "preferred", exact: true};
        }
        if (best) hits.push(best);
      });
    }
    hits.sort(function (a, b) {
      if (a.exact !== b.exact) return a.exact ? -1 : 1;
      var la = Array.from(a.text).length, lb = Array.from(b.text).length;
      if (la !== lb) return la - lb;
      return a.concept.id < b.concept.id ? -1 : a.concept.id > b.concept.id ? 1 : 0;
    });
    return hits;
  }

  window.policyglossary = {lookup: lookup, englishKey: englishKey, normalizeSource: normalizeSource};

  // ------------------------------------------------------------ the index page
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showResults(query) {
    var section = document.getElementById("results");
    if (!section) return;
    var list = document.getElementById("hits");
    list.textContent = "";
    if (!query.trim()) { section.hidden = true; return; }
    var hits = lookup(query);
    document.getElementById("result-count").textContent = hits.length ?
      hits.length + (hits.length === 1 ? " concept matches " : " concepts match ") + "“" + query.trim() + "”" :
      "No concept matches “" + query.trim() + "”.";
    hits.forEach(function (hit) {
      var item = el("li", "hit st-" + hit.status);
      var link = el("a", "headword", hit.concept.zh);
      link.href = root + "concepts/" + encodeURIComponent(hit.concept.id) + ".html";
      link.lang = "zh-CN";
      item.appendChild(link);
      if (hit.concept.en) item.appendChild(el("span", "preferred", hit.concept.en));
      var rejected = hit.lang === "en" && (hit.status === "forbidden" || hit.status === "superseded");
      var match = el("span", "match", "matched " + hit.lang + " “" + hit.text + "”" +
        (rejected ? " — " + hit.status.toUpperCase() + " rendering" : " (" + hit.status + ")"));
      if (rejected) match.className += " rejected";
      item.appendChild(match);
      list.appendChild(item);
    });
    section.hidden = false;
  }

  function filter() {
    var subject = document.getElementById("subject").value;
    var status = document.getElementById("status").value;
    var shown = 0;
    document.querySelectorAll("#browse .field").forEach(function (field) {
      var visible = 0;
      field.hidden = subject !== "" && field.getAttribute("data-subject") !== subject;
      field.querySelectorAll("tr[data-status]").forEach(function (row) {
        var ok = !field.hidden && (!status || row.getAttribute("data-status").split(" ").indexOf(status) >= 0);
        row.hidden = !ok;
        if (ok) visible++;
      });
      if (visible === 0) field.hidden = true;
      shown += visible;
    });
    document.getElementById("shown").textContent = shown + " shown";
  }

  function fromLocation() {
    var params = new URLSearchParams(window.location.search);
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var input = document.getElementById("q");
    if (params.get("q") !== null) input.value = params.get("q");
    else if (hash.indexOf("q=") === 0) input.value = hash.slice(2);
    if (hash.indexOf("subject-") === 0 && document.getElementById("subject")) {
      document.getElementById("subject").value = hash.slice(8);
    }
    showResults(input.value);
  }

  if (document.getElementById("browse")) {
    var form = document.querySelector("form.search");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = document.getElementById("q").value;
      history.replaceState(null, "", "#q=" + encodeURIComponent(query));
      showResults(query);
    });
    document.getElementById("q").addEventListener("input", function (event) {
      showResults(event.target.value);
    });
    document.getElementById("subject").addEventListener("change", filter);
    document.getElementById("status").addEventListener("change", filter);
    fromLocation();
    filter();
    window.addEventListener("hashchange", function () { fromLocation(); filter(); });
  }
  document.body.setAttribute("data-ready", "true");
})();
