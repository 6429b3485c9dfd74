// Site search in Debian's Chromium (playwright-core): the theme's search.js
// against the index the generator wrote.
//
//   node tests/browser/search.mjs <fixture url> <portal url>
//
// The fixture (tests/search/fixture/) plants each way of writing a word once:
// the top results of Japanese queries (single kanji, kanji words, katakana,
// full-width and half-width forms, mixed Japanese and English) and English
// queries are asserted there, with section narrowing, highlighted snippets,
// the header search box, the page without JavaScript and axe-core. On the
// real portal: results in both languages, only the shards of the query's
// tokens downloaded, "show more". Prints the index bytes each query fetched.
// Exit code 0 when everything passed, 1 otherwise (every failure listed).
import fs from "node:fs";
import { createRequire } from "node:module";
import { launchChromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);  // axe-core from node_modules

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const TIMEOUT = 30000;

const [fixtureArg, portalArg] = process.argv.slice(2);
if (!fixtureArg || !portalArg) {
  console.error("usage: node search.mjs <fixture url> <portal url>");
  process.exit(2);
}
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const check = (where, condition, what) => { if (!condition) fail(where, what); };

// Console errors, uncaught exceptions and failed requests of a page, and the
// index files it fetched with their sizes.
function watch(page) {
  const log = { problems: [], index: [] };
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // The browser's own guess at /favicon.ico is not a request of the page.
    const source = msg.location()?.url || "";
    if (new URL(source || "about:blank").pathname === "/favicon.ico") return;
    log.problems.push(`console error: ${msg.text()} (${source})`);
  });
  page.on("pageerror", (err) => log.problems.push(`uncaught exception: ${err.message}`));
  page.on("requestfailed", (req) => log.problems.push(`request failed: ${req.url()}`));
  page.on("response", async (res) => {
    if (res.status() >= 400) log.problems.push(`HTTP ${res.status()} for ${res.url()}`);
    const path = new URL(res.url()).pathname;
    if (/\/search\/(index\.json|shards\/|pages\/)/.test(path)) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      log.index.push({ path, bytes: body.length });
    }
  });
  return log;
}

// Opens the search page with ?q= (and &section=), waits for the results and
// reads them as the user sees them.
async function search(page, base, path, query, section) {
  const url = new URL(path, base);
  url.searchParams.set("q", query);
  if (section) url.searchParams.set("section", section);
  await page.goto(url.href);
  return readResults(page);
}

async function readResults(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    return status.textContent.trim() !== "" && !list.hasAttribute("aria-busy");
  }, null, { timeout: TIMEOUT });
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent.trim(),
    results: Array.from(document.querySelectorAll("#search-results > li")).map((li) => ({
      title: li.querySelector("h2").textContent,
      url: new URL(li.querySelector("a").href).pathname,
      section: li.querySelector(".search-result-section").textContent,
      titleMarks: Array.from(li.querySelectorAll("h2 mark")).map((m) => m.textContent),
      snippetMarks: Array.from(li.querySelectorAll(".search-snippet mark")).map((m) => m.textContent),
      snippet: li.querySelector(".search-snippet").textContent,
    })),
    moreVisible: !document.getElementById("search-more").hidden,
  }));
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
}

const urls = (found) => found.results.map((r) => r.url);
const top = (found) => (found.results[0] || {}).url;

// ---- The fixture: what each kind of query must find first.
const JAPANESE_QUERIES = [
  // [what, query, first result, other results that must be there]
  ["single kanji", "県", "/measures/prefecture-support/", []],
  ["kanji and kana word", "働き方", "/measures/prefecture-support/", ["/cases/hankaku/"]],
  ["multi-kanji word in body text", "東京都", "/seminars/web-meeting/", []],
  ["katakana: title match first", "テレワーク", "/news/telework-month/", ["/cases/ict-office/", "/cases/hankaku/"]],
  ["half-width katakana query", "ﾃﾚﾜｰｸ", "/news/telework-month/", ["/cases/ict-office/", "/cases/hankaku/"]],
  ["full-width Latin query", "ＩＣＴ", "/cases/ict-office/", []],
  ["ASCII query for full-width text", "ict", "/cases/ict-office/", []],
  ["mixed Japanese and English", "Web会議", "/seminars/web-meeting/", []],
  ["mixed, full-width", "ｗｅｂ会議", "/seminars/web-meeting/", []],
  ["two words: all must occur", "ＩＣＴ 勤怠", "/cases/ict-office/", []],
];
const ENGLISH_QUERIES = [
  ["word in titles first", "telework", "/en/news/telework-month/", ["/en/cases/ict-office/"]],
  ["upper case", "TELEWORK", "/en/news/telework-month/", ["/en/cases/ict-office/"]],
  ["acronym", "ICT", "/en/cases/ict-office/", []],
  ["two words", "remote work", "/en/cases/hankaku/", []],
  ["full-width English", "ｐｒｅｆｅｃｔｕｒｅ", "/en/measures/prefecture-support/", []],
];

async function checkQueries(page, base, path, queries) {
  for (const [what, query, first, others] of queries) {
    const where = `fixture ${path} "${query}" (${what})`;
    const found = await search(page, base, path, query);
    check(where, top(found) === first, `first result ${top(found)}, expected ${first} (all: ${urls(found).join(" ")})`);
    for (const url of others) check(where, urls(found).includes(url), `${url} missing (all: ${urls(found).join(" ")})`);
    const marked = found.results.length > 0 &&
      found.results.every((r) => r.titleMarks.length + r.snippetMarks.length > 0);
    check(where, marked, "a result without a highlighted match");
  }
}

async function checkFixture(browser, base) {
  // axe-core goes in as an inline script, which the site's policy forbids (the
  // policy itself is checked by test_xss.py and test_serve_csp.py).
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const log = watch(page);

  await checkQueries(page, base, "/search/", JAPANESE_QUERIES);
  await checkQueries(page, base, "/en/search/", ENGLISH_QUERIES);

  // Full-width and half-width variants find exactly the same pages.
  for (const [a, b] of [["テレワーク", "ﾃﾚﾜｰｸ"], ["ＩＣＴ", "ict"], ["ｗｅｂ会議", "web会議"]]) {
    const first = urls(await search(page, base, "/search/", a));
    const second = urls(await search(page, base, "/search/", b));
    check(`fixture "${a}" and "${b}"`, JSON.stringify(first) === JSON.stringify(second),
      `different results: ${first.join(" ")} / ${second.join(" ")}`);
  }

  // The highlighted text is the page's own spelling: half-width on that page.
  let found = await search(page, base, "/search/", "テレワーク");
  const hankaku = found.results.find((r) => r.url === "/cases/hankaku/");
  check("fixture snippet of a half-width page", hankaku && hankaku.snippetMarks.includes("ﾃﾚﾜｰｸ"),
    `marks ${hankaku ? JSON.stringify(hankaku.snippetMarks) : "(no result)"}, expected ﾃﾚﾜｰｸ`);
  const month = found.results.find((r) => r.url === "/news/telework-month/");
  check("fixture title highlight", month && month.titleMarks.includes("テレワーク"),
    `title marks ${month ? JSON.stringify(month.titleMarks) : "(no result)"}`);
  check("fixture result count", /3/.test(found.status), `status "${found.status}" does not say 3 pages`);

  // Narrowing by section, from the address and from the form.
  found = await search(page, base, "/search/", "テレワーク", "cases");
  check("fixture section=cases", found.results.length === 2 && urls(found).every((u) => u.startsWith("/cases/")),
    `results ${urls(found).join(" ")}`);
  check("fixture section=cases", found.results.every((r) => r.section === "導入事例"), "section name not shown");
  await page.selectOption("#search-section", "news");
  await page.click("#search-form button[type=submit]");
  found = await readResults(page);
  check("fixture narrowing with the form", urls(found).join(" ") === "/news/telework-month/", `results ${urls(found).join(" ")}`);
  check("fixture narrowing with the form", new URL(page.url()).searchParams.get("section") === "news",
    `the address ${page.url()} does not keep the section`);

  // Nothing found: the status says so, in the page's language.
  found = await search(page, base, "/search/", "ｑｑｚｚ");
  check("fixture no results", found.results.length === 0 && found.status.includes("ｑｑｚｚ"), `status "${found.status}"`);
  // No page holds every word: the pages with some of them, and the status says so.
  found = await search(page, base, "/search/", "テレワーク ｑｑｚｚ");
  check("fixture partial match", top(found) === "/news/telework-month/" && found.status.includes("一部の語"),
    `status "${found.status}", first result ${top(found)}`);
  found = await search(page, base, "/en/search/", "nonexistentword");
  check("fixture no results (en)", found.results.length === 0 && found.status.includes("nonexistentword"), `status "${found.status}"`);

  // axe-core on a page of results, in both languages.
  for (const path of ["/search/", "/en/search/"]) {
    await search(page, base, path, path === "/search/" ? "テレワーク" : "telework");
    const violations = await axeViolations(page);
    check(`fixture ${path} with results`, violations.length === 0, `axe violations:\n    ${violations.join("\n    ")}`);
  }

  // The header search box is a GET form to the search page.
  await page.goto(new URL("/", base).href);
  await page.fill("#site-search-q", "ＩＣＴ");
  await Promise.all([page.waitForURL((u) => u.pathname === "/search/", { timeout: TIMEOUT }), page.press("#site-search-q", "Enter")]);
  found = await readResults(page);
  check("fixture header search box", top(found) === "/cases/ict-office/", `first result ${top(found)}`);
  check("fixture header search box", (await page.inputValue("#search-q")) === "ＩＣＴ", "the query is not in the search page's box");

  for (const problem of log.problems) fail("fixture", problem);
  await context.close();

  // Without JavaScript: no form that cannot work, and the way to the section lists.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  for (const [path, sentence] of [["/search/", "JavaScript"], ["/en/search/", "JavaScript"]]) {
    await plain.goto(new URL(path + "?q=test", base).href);
    const state = await plain.evaluate(() => ({
      formShown: !document.getElementById("search-form").hidden,
      note: (document.querySelector(".search-nojs") || { innerText: "" }).innerText,
      links: Array.from(document.querySelectorAll(".search-nojs a")).map((a) => a.getAttribute("href")),
    }));
    const where = `fixture ${path} without JavaScript`;
    check(where, !state.formShown, "the search form is shown although it cannot work");
    check(where, state.note.includes(sentence), `no explanation (got "${state.note.slice(0, 80)}")`);
    const prefix = path.startsWith("/en/") ? "/en" : "";
    check(where, ["measures", "cases", "news"].every((s) => state.links.includes(`${prefix}/${s}/`)),
      `section lists not linked: ${state.links.join(" ")}`);
  }
  await noScript.close();
}

// ---- The real portal: results, downloads, paging.
async function checkPortal(browser, base) {
  // axe-core goes in as an inline script, which the site's policy forbids (the
  // policy itself is checked by test_xss.py and test_serve_csp.py).
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const log = watch(page);
  const queries = [
    ["/search/", "テレワーク"], ["/search/", "ﾃﾚﾜｰｸ"], ["/search/", "総務省"], ["/search/", "県"],
    ["/search/", "ICT 導入"], ["/en/search/", "telework"], ["/en/search/", "ministry"],
  ];
  for (const [path, query] of queries) {
    const where = `portal ${path} "${query}"`;
    log.index.length = 0;
    const found = await search(page, base, path, query);
    check(where, found.results.length > 0, `no results (status "${found.status}")`);
    const shards = new Set(log.index.filter((f) => f.path.includes("/shards/")).map((f) => f.path));
    const bytes = log.index.reduce((sum, f) => sum + f.bytes, 0);
    const pages = log.index.filter((f) => f.path.includes("/pages/")).length;
    check(where, pages <= 10, `${pages} page fragments fetched for one screen of results`);
    console.log(`${where}: ${found.results.length} shown of "${found.status}", ` +
      `${shards.size} shard(s), ${pages} fragment(s), ${bytes} bytes of index data`);
  }

  // Only the shards of the query's tokens: テレワーク has four bigrams.
  log.index.length = 0;
  await search(page, base, "/search/", "テレワーク");
  const shardCount = new Set(log.index.filter((f) => f.path.includes("/shards/")).map((f) => f.path)).size;
  check("portal shards of テレワーク", shardCount >= 1 && shardCount <= 4, `${shardCount} shards fetched for 4 tokens`);

  // "Show more" adds the next results and moves the focus to the first new one.
  const found = await readResults(page);
  if (found.results.length === 10 && found.moreVisible) {
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 10, null, { timeout: TIMEOUT });
    const focused = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll("#search-results > li"));
      return items.indexOf(document.activeElement.closest("li"));
    });
    check("portal show more", focused === 10, `focus on result ${focused + 1} after "show more", expected 11`);
  } else {
    check("portal show more", found.results.length < 10 && !found.moreVisible, "fewer than 10 results shown but more announced");
  }
  for (const problem of log.problems) fail("portal", problem);
  await context.close();
}

const browser = await launchChromium();
try {
  await checkFixture(browser, fixtureArg);
  await checkPortal(browser, portalArg);
} catch (err) {
  fail("search test", err.stack || err.message);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`${failures.length} search failure(s):\n- ` + failures.join("\n- "));
  process.exit(1);
}
console.log("search: all checks passed");
