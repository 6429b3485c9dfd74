// Site search: queries the index the generator writes beside the search page
// (docs/search.md). No dependencies and no inline code, so it runs under a
// strict Content-Security-Policy.
//
// normalise() and tokenise() port generator/search/normalise.cpp and
// tokenise.cpp; tests/search/ runs both on the same vectors and on every
// code point, so a query is cut exactly as the pages were. Under Node the
// file exports them instead of touching a document.
(function () {
  "use strict";

  // --- Normaliser: NFKC, Unicode full case folding, ignorables dropped. ---

  var IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
  var WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;

  // Full case folding of one character. Upper- then lower-casing gives it for
  // every character but three groups, which fold differently: dotless ı stays,
  // capital sharp s becomes "ss", and Cherokee folds to its capitals.
  function foldCharacter(ch) {
    var cp = ch.codePointAt(0);
    if (cp === 0x131) return ch;
    if (cp === 0x1E9E) return "ss";
    if (cp >= 0x13F8 && cp <= 0x13FD) return String.fromCodePoint(cp - 8);
    if ((cp >= 0x13A0 && cp <= 0x13F5) || (cp >= 0xAB70 && cp <= 0xABBF)) return ch.toUpperCase();
    return ch.toUpperCase().toLowerCase();
  }

  function normalise(text) {
    var folded = "";
    for (var ch of String(text || "").normalize("NFKC")) folded += foldCharacter(ch);
    return folded.normalize("NFKC").replace(IGNORABLE, "");
  }

  // --- Tokeniser: words, and bigrams of kana/kanji runs. ---

  function isCjk(cp) {
    if (cp === 0x30FB || cp === 0x30A0) return false;  // ・ and ゠ are punctuation
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
      (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0x1100 && cp <= 0x11FF) ||
      (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xAC00 && cp <= 0xD7AF);
  }

  var WORD = 1, CJK = 2, SEPARATOR = 0;

  function classify(ch) {
    if (isCjk(ch.codePointAt(0))) return CJK;
    return WORD_CHARACTER.test(ch) ? WORD : SEPARATOR;
  }

  // Runs of one kind of character: [{kind, chars}], separators left out.
  function runs(normalised) {
    var chars = Array.from(normalised), found = [];
    var i = 0;
    while (i < chars.length) {
      var kind = classify(chars[i]), end = i + 1;
      while (end < chars.length && classify(chars[end]) === kind) end++;
      if (kind !== SEPARATOR) found.push({ kind: kind, chars: chars.slice(i, end) });
      i = end;
    }
    return found;
  }

  // Tokens of normalised text in order, repeats kept. everyCjkCharacter: also
  // every kana/kanji alone, as pages are indexed.
  function tokenise(normalised, everyCjkCharacter) {
    var tokens = [];
    runs(normalised).forEach(function (run) {
      var chars = run.chars;
      if (run.kind === WORD) {
        tokens.push(chars.join(""));
      } else if (chars.length === 1) {
        tokens.push(chars[0]);
      } else {
        for (var k = 0; k + 1 < chars.length; k++) {
          tokens.push(chars[k] + chars[k + 1]);
          if (everyCjkCharacter) tokens.push(chars[k]);
        }
        if (everyCjkCharacter) tokens.push(chars[chars.length - 1]);
      }
    });
    return tokens;
  }

  // The tokens a query looks up: tokenise()'s, except that a kana/kanji run
  // longer than four characters needs only bigrams that cover it (テレ ワー
  // ーク for テレワーク, not all four): each bigram left out is a shard not
  // downloaded, and a page holding all the others almost always holds it too.
  // Shorter runs keep every bigram, so 導入事例 never matches 導入 and 事例
  // far apart. Distinct, in order.
  var FULL_BIGRAMS_UP_TO = 4;

  function queryTokens(text) {
    var tokens = [];
    runs(normalise(text)).forEach(function (run) {
      var chars = run.chars;
      if (run.kind === WORD || chars.length <= FULL_BIGRAMS_UP_TO) {
        tokens.push.apply(tokens, tokenise(chars.join(""), false));
        return;
      }
      for (var k = 0; k + 1 < chars.length; k += 2) tokens.push(chars[k] + chars[k + 1]);
      if (chars.length % 2 === 1) tokens.push(chars[chars.length - 2] + chars[chars.length - 1]);
    });
    return Array.from(new Set(tokens));
  }

  function analyse(text) {
    return tokenise(normalise(text), false);
  }

  // --- Index format (generator/search/index_format.h). ---

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_LEVEL = 15;

  function fnv1a32(text) {
    var bytes = new TextEncoder().encode(text), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }

  function shardOf(token, shardCount) {
    return fnv1a32(token) & (shardCount - 1);
  }

  // [{page, level, inTitle}] from a postings string.
  function decodePostings(encoded) {
    var numbers = [], value = 0, shift = 0;
    for (var i = 0; i < encoded.length; i++) {
      var digit = ALPHABET.indexOf(encoded[i]);
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) {
        shift += 5;
      } else {
        numbers.push(value);
        value = 0;
        shift = 0;
      }
    }
    var postings = [], page = 0;
    for (var n = 0; n + 1 < numbers.length; n += 2) {
      page = n === 0 ? numbers[n] : page + numbers[n];
      postings.push({ page: page, level: numbers[n + 1] >> 1, inTitle: (numbers[n + 1] & 1) === 1 });
    }
    return postings;
  }

  // --- Ranking: pages with every token; title matches first, then BM25. ---

  // tokenPostings: one postings array per distinct query token. range:
  // {first, count} of page ids (a section), or null. With `some` true, pages
  // holding only some tokens count too, those with the most first (used when
  // no page holds them all). Returns [{page, score, titleHits, matched}] best first.
  function rank(tokenPostings, pageCount, range, some) {
    var found = new Map();
    tokenPostings.forEach(function (postings) {
      var df = postings.length;
      var idf = Math.log(1 + (pageCount - df + 0.5) / (df + 0.5));
      postings.forEach(function (p) {
        if (range && (p.page < range.first || p.page >= range.first + range.count)) return;
        var entry = found.get(p.page);
        if (!entry) found.set(p.page, entry = { page: p.page, score: 0, titleHits: 0, matched: 0 });
        entry.score += idf * p.level / MAX_LEVEL;
        entry.titleHits += p.inTitle ? 1 : 0;
        entry.matched += 1;
      });
    });
    var results = Array.from(found.values()).filter(function (r) {
      return some || r.matched === tokenPostings.length;
    });
    results.sort(function (a, b) {
      return (b.matched - a.matched) || (b.titleHits - a.titleHits) || (b.score - a.score) || (a.page - b.page);
    });
    return results;
  }

  // --- Highlighting: ranges of `text` where a query token occurs. ---

  // Normalises `text` piece by piece (a character with the marks that follow
  // it, so ﾃﾞ stays one piece) and remembers where each piece came from.
  function normaliseWithMap(text) {
    var pieces = text.match(/.[\p{M}\uFF9E\uFF9F]*/gsu) || [];
    var normalised = "", starts = [], ends = [], at = 0;
    pieces.forEach(function (piece) {
      var n = normalise(piece);
      for (var i = 0; i < n.length; i++) {
        starts.push(at);
        ends.push(at + piece.length);
      }
      normalised += n;
      at += piece.length;
    });
    return { text: normalised, starts: starts, ends: ends };
  }

  function isWordAt(text, index) {
    if (index < 0 || index >= text.length) return false;
    var ch = String.fromCodePoint(text.codePointAt(index));
    return classify(ch) === WORD;
  }

  function isLowSurrogate(text, index) {
    var unit = text.charCodeAt(index);
    return unit >= 0xDC00 && unit <= 0xDFFF;
  }

  // Merged [start, end) ranges of `text` (original UTF-16 offsets).
  function matchRanges(text, tokens) {
    var mapped = normaliseWithMap(text), haystack = mapped.text, ranges = [];
    tokens.forEach(function (token) {
      var isWord = classify(String.fromCodePoint(token.codePointAt(0))) === WORD;
      for (var at = haystack.indexOf(token); at !== -1; at = haystack.indexOf(token, at + 1)) {
        var end = at + token.length;
        // A word matches whole words only: "it" is not highlighted in "with".
        if (isWord && (isWordAt(haystack, at - 1 - (isLowSurrogate(haystack, at - 1) ? 1 : 0)) || isWordAt(haystack, end))) continue;
        ranges.push([mapped.starts[at], mapped.ends[end - 1]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  // A window of about `length` characters of `text` around its first match:
  // {text, ranges} with ranges relative to the window, and whether it was cut.
  function snippet(text, tokens, length) {
    var ranges = matchRanges(text, tokens);
    var start = 0;
    if (ranges.length && ranges[0][0] > length / 4) start = ranges[0][0] - Math.floor(length / 4);
    while (start > 0 && isLowSurrogate(text, start)) start--;
    var end = Math.min(text.length, start + length);
    while (end < text.length && isLowSurrogate(text, end)) end++;
    return {
      text: text.slice(start, end),
      before: start > 0,
      after: end < text.length,
      found: ranges.length > 0,
      ranges: ranges
        .filter(function (r) { return r[1] > start && r[0] < end; })
        .map(function (r) { return [Math.max(r[0], start) - start, Math.min(r[1], end) - start]; })
    };
  }

  var api = {
    normalise: normalise, tokenise: tokenise, analyse: analyse, queryTokens: queryTokens, shardOf: shardOf,
    decodePostings: decodePostings, rank: rank, matchRanges: matchRanges, snippet: snippet
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document !== "undefined") startPage();

  // --- The search page. ---

  function startPage() {
    var form = document.getElementById("search-form");
    if (!form || !form.dataset.index) return;
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    var select = form.elements.section;
    var indexUrl = new URL(form.dataset.index, document.baseURI);
    var meta = null, shards = new Map(), fragments = new Map();
    var PAGE_SIZE = 10, SNIPPET_LENGTH = 160;
    var shown = [], results = [], currentTokens = [];

    document.querySelectorAll(".search-nojs").forEach(function (note) { note.hidden = true; });
    form.hidden = false;

    function fetchJson(path) {
      var url = new URL(path, indexUrl);
      if (meta) url.searchParams.set("v", meta.version);
      return fetch(url.href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url.href);
        return response.json();
      });
    }

    function cached(map, key, load) {
      if (!map.has(key)) map.set(key, load().catch(function (error) { map.delete(key); throw error; }));
      return map.get(key);
    }

    function loadMeta() {
      if (meta) return Promise.resolve(meta);
      return fetchJson(indexUrl.href).then(function (loaded) {
        meta = loaded;
        fillSections();
        return meta;
      });
    }

    function fillSections() {
      var wanted = new URLSearchParams(location.search).get("section") || select.value;
      meta.sections.forEach(function (section) {
        if (!section.key) return;  // pages at the top of the site: "all sections" covers them
        var option = document.createElement("option");
        option.value = section.key;
        option.textContent = section.title;
        select.appendChild(option);
      });
      select.value = wanted;
      if (select.value !== wanted) select.value = "";
      select.closest(".search-section").hidden = false;
    }

    function say(template, values) {
      status.textContent = template.replace(/\{(\w+)\}/g, function (whole, name) {
        return name in values ? values[name] : whole;
      });
    }

    function countMessage(count) {
      // The templates were rendered with count 1 and 2; swap in the real number.
      var template = count === 1 ? status.dataset.countOne : status.dataset.countOther;
      return template.replace(count === 1 ? "1" : "2", String(count));
    }

    function appendHighlighted(parent, text, ranges) {
      var at = 0;
      ranges.forEach(function (r) {
        if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(r[0], r[1]);
        parent.appendChild(mark);
        at = r[1];
      });
      if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    }

    function sectionTitle(key) {
      var found = meta.sections.filter(function (s) { return s.key === key; })[0];
      return found ? found.title : "";
    }

    function renderResult(fragment) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = fragment.url;
      appendHighlighted(link, fragment.title, matchRanges(fragment.title, currentTokens));
      heading.appendChild(link);
      item.appendChild(heading);
      var where = document.createElement("p");
      where.className = "search-result-section";
      where.textContent = sectionTitle(fragment.section);
      item.appendChild(where);
      var text = fragment.text.replace(/\s+/g, " ");
      var cut = snippet(text, currentTokens, SNIPPET_LENGTH);
      if (!cut.found && fragment.summary) cut = snippet(fragment.summary, currentTokens, SNIPPET_LENGTH);
      var paragraph = document.createElement("p");
      paragraph.className = "search-snippet";
      if (cut.before) paragraph.appendChild(document.createTextNode("…"));
      appendHighlighted(paragraph, cut.text, cut.ranges);
      if (cut.after) paragraph.appendChild(document.createTextNode("…"));
      item.appendChild(paragraph);
      return item;
    }

    // Each search gets a number; results of an older one arriving late are dropped.
    var generation = 0;

    function showMore() {
      var mine = generation;
      var next = results.slice(shown.length, shown.length + PAGE_SIZE);
      return Promise.all(next.map(function (r) {
        return cached(fragments, r.page, function () { return fetchJson("pages/" + r.page + ".json"); });
      })).then(function (loaded) {
        if (mine !== generation) return;
        loaded.forEach(function (fragment) { list.appendChild(renderResult(fragment)); });
        shown = shown.concat(next);
        more.hidden = shown.length >= results.length;
      });
    }

    function postingsOf(token) {
      var shard = shardOf(token, meta.shards);
      return cached(shards, shard, function () { return fetchJson("shards/" + shard + ".json"); })
        .then(function (tokens) { return tokens[token] ? decodePostings(tokens[token]) : []; });
    }

    // aria-busy on the list while a search runs (tests wait for it to go).
    function search(query, sectionKey) {
      var mine = ++generation;
      list.textContent = "";
      list.setAttribute("aria-busy", "true");
      more.hidden = true;
      shown = [];
      results = [];
      currentTokens = queryTokens(query);
      var done = function () { if (mine === generation) list.removeAttribute("aria-busy"); };
      if (!currentTokens.length) {
        say(status.dataset.empty, {});
        done();
        return Promise.resolve();
      }
      say(status.dataset.loading, {});
      return loadMeta().then(function () {
        return Promise.all(currentTokens.map(postingsOf));
      }).then(function (postings) {
        if (mine !== generation) return;
        var range = meta.sections.filter(function (s) { return sectionKey && s.key === sectionKey; })[0];
        results = rank(postings, meta.pages, range, false);
        var partial = !results.length && postings.length > 1;
        if (partial) results = rank(postings, meta.pages, range, true);
        if (!results.length) {
          say(status.dataset.none, { query: query });
          return;
        }
        status.textContent = (partial ? status.dataset.partial + " " : "") + countMessage(results.length);
        return showMore();
      }).catch(function () {
        if (mine === generation) say(status.dataset.error, {});
      }).then(done);
    }

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      form.elements.q.value = params.get("q") || "";
      if (params.has("section")) select.value = params.get("section");
      if (form.elements.q.value) return search(form.elements.q.value, params.get("section") || "");
      // The section list is only needed once someone searches; load it early anyway.
      return loadMeta().catch(function () { say(status.dataset.error, {}); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      params.set("q", form.elements.q.value);
      if (select.value) params.set("section", select.value);
      history.pushState(null, "", "?" + params.toString());
      search(form.elements.q.value, select.value);
    });
    window.addEventListener("popstate", fromAddress);
    more.addEventListener("click", function () {
      // Keyboard and screen reader users continue at the first new result.
      var firstNew = shown.length;
      showMore().then(function () {
        var item = list.children[firstNew];
        if (item) item.querySelector("a").focus();
      });
    });
    fromAddress();
  }
})();
