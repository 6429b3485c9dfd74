// Browser tests of the built portal in Debian's Chromium, driven by playwright-core.
//
//   node tests/browser/run.mjs <base url> <site dir>
//
// For every kind of page in both languages: no console errors, no failed or external
// requests, zero axe-core violations (WCAG 2.1 A/AA), no horizontal scrolling on a
// 375px phone, and the language selector leads to the translation. Then: the skip link,
// the focus ring and the menu without JavaScript, the case-study filter with it, the print stylesheet, and screenshots
// (375px and 1280px) into $SCREENSHOT_DIR (default $PORTAL_BUILD_DIR/screenshots), and
// that the minified stylesheets style every element as their sources do.
// Exit code 0 when everything passed, 1 otherwise (every failure is listed), 2 on misuse.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CHROMIUM, launchChromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);  // axe-core from node_modules

const PARALLEL = 3; // pages checked at once
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LANGUAGES = [{ code: "ja", prefix: "" }, { code: "en", prefix: "en/" }];
const SECTIONS = ["measures", "cases", "seminars", "meetings", "news", "statistics", "pages"];
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

const [baseArg, siteDir] = process.argv.slice(2);
if (!baseArg || !siteDir) {
  console.error("usage: node run.mjs <base url> <site dir>");
  process.exit(2);
}
const base = new URL(baseArg);
const shotDir = process.env.SCREENSHOT_DIR ||
  path.join(process.env.PORTAL_BUILD_DIR || ".", "screenshots");
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const externalRequests = new Set();

// ---- Which pages: one of every kind, in each language, found in the built site.
const isPage = (rel) => fs.existsSync(path.join(siteDir, rel, "index.html"));
const subfolders = (rel) => {
  const dir = path.join(siteDir, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== "page" && isPage(path.join(rel, e.name)))
    .map((e) => e.name).sort();
};
// Taxonomies: the folders of the Japanese root that are neither sections nor assets.
const taxonomies = subfolders("").filter((n) => !SECTIONS.includes(n) && n !== "en" && subfolders(n).length);

function pagesToTest() {
  const pages = [];
  for (const { code, prefix } of LANGUAGES) {
    const other = LANGUAGES.find((l) => l.code !== code).prefix;
    const add = (kind, rel) => {
      if (isPage(rel)) pages.push({ kind, lang: code, url: "/" + rel });
      else fail(`${code} ${kind}`, `no page to test at /${rel} (is the portal complete?)`);
    };
    add("home", prefix);
    for (const section of SECTIONS) {
      add(`section ${section}`, `${prefix}${section}/`);
      // A page that has a translation, so the language selector can be checked.
      const slugs = subfolders(prefix + section);
      const slug = slugs.find((s) => isPage(`${other}${section}/${s}`)) || slugs[0];
      add(`page ${section}`, `${prefix}${section}/${slug}/`);
    }
    const paginated = SECTIONS.find((s) => isPage(`${prefix}${s}/page/2`));
    add("list page 2", paginated ? `${prefix}${paginated}/page/2/` : `${prefix}news/page/2/`);
    const taxonomy = taxonomies[0] || "ministry";
    add("taxonomy index", `${prefix}${taxonomy}/`);
    add("term page", `${prefix}${taxonomy}/${subfolders(prefix + taxonomy)[0] || "none"}/`);
    if (fs.existsSync(path.join(siteDir, prefix, "404.html"))) pages.push({ kind: "not found", lang: code, url: `/${prefix}404.html` });
    else fail(`${code} not found`, `no 404 page at /${prefix}404.html`);
  }
  return pages;
}

// ---- Everything a page does on the network and the console, per page.
function watch(page) {
  const log = [];
  log.push = (...lines) => Array.prototype.push.apply(log, lines.map((l) => (log.phase || "") + l));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const source = msg.location()?.url || "";
    // The browser's own guess at /favicon.ico is not a request of the page.
    if (source === new URL("/favicon.ico", base).href) return;
    log.push(`console error: ${msg.text()}${source ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (err) => log.push(`uncaught exception: ${err.message}`));
  // Nothing may leave the machine (no CDN fonts, scripts or trackers): Chromium
  // resolves no host name but 127.0.0.1, so such a request fails fast too.
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(base.origin + "/") && !url.startsWith("data:")) externalRequests.add(url);
  });
  page.on("requestfailed", (req) => {
    if (req.url().startsWith(base.origin + "/")) log.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) log.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return log;
}

async function newContext(browser, options = {}) {
  return browser.newContext({ viewport: DESKTOP, bypassCSP: true, ...options });
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) =>
      `      at ${n.target}\n        ${n.html.slice(0, 200)}\n        ${(n.summary || "").replace(/\n/g, "\n        ")}`);
    const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : "";
    return `    [${v.impact}] ${v.id}: ${v.help}\n      ${v.helpUrl}\n${nodes.join("\n")}${more}`;
  }).join("\n");
}

// ---- One page: load, errors, axe, reflow on a phone, the language selector.
async function checkPage(context, spec) {
  const where = `${spec.lang} ${spec.kind} ${spec.url}`;
  const page = await context.newPage();
  const log = watch(page);
  try {
    const response = await page.goto(new URL(spec.url, base).href, { waitUntil: "load" });
    if (!response || !response.ok()) fail(where, `HTTP ${response ? response.status() : "no response"}`);
    const lang = await page.getAttribute("html", "lang");
    if (lang !== spec.lang) fail(where, `<html lang="${lang}">, expected "${spec.lang}"`);

    const violations = await runAxe(page);
    if (violations.length) fail(where, `${violations.length} axe violation(s):\n${formatViolations(violations)}`);

    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(where, `scrolls sideways by ${overflow}px on a ${PHONE.width}px phone`);
    await page.setViewportSize(DESKTOP);

    await checkLanguageSelector(page, spec, where, log);
  } catch (err) {
    fail(where, `error while testing: ${err.message}`);
  } finally {
    for (const line of log) fail(where, line);
    await page.close();
  }
}

async function checkLanguageSelector(page, spec, where, log) {
  const switcher = page.locator(".site-header .language-switcher");
  if ((await switcher.count()) !== 1) return fail(where, "no language selector in the header");
  const current = switcher.locator('[aria-current="true"]');
  if ((await current.count()) !== 1) return fail(where, 'the current language is not marked aria-current="true"');
  if ((await current.getAttribute("lang")) !== spec.lang) fail(where, "the current language is not named in itself (lang)");
  for (const { code } of LANGUAGES) {
    if (code === spec.lang) continue;
    const link = switcher.locator(`a[hreflang="${code}"]`);
    if ((await link.count()) !== 1) { fail(where, `no link to the ${code} version`); continue; }
    if ((await link.getAttribute("lang")) !== code) fail(where, `the ${code} link has no lang="${code}"`);
    // On a translated page the link must lead to the translation the page declares.
    const alternate = await page.locator(`link[rel="alternate"][hreflang="${code}"]`).getAttribute("href").catch(() => null);
    if (!alternate) continue;
    const expected = new URL(alternate).pathname;
    log.phase = `after following the ${code} link: `;
    await Promise.all([page.waitForURL((url) => url.pathname === expected, { timeout: 15000 }).catch(() => {}), link.click()]);
    const reached = new URL(page.url()).pathname;
    if (reached !== expected) fail(where, `the ${code} link led to ${reached}, expected the translation ${expected}`);
    else if ((await page.getAttribute("html", "lang")) !== code) fail(where, `the translation ${reached} is not lang="${code}"`);
  }
}

// ---- Whole-site behaviours checked once.
async function checkKeyboardAndPhoneWithoutJavaScript(browser) {
  const context = await newContext(browser, { viewport: PHONE, javaScriptEnabled: false });
  for (const { code, prefix } of LANGUAGES) {
    const where = `${code} home without JavaScript at ${PHONE.width}px`;
    const page = await context.newPage();
    const log = watch(page);
    await page.goto(new URL("/" + prefix, base).href);
    // Skip link: the first Tab stop, visible when focused, and it moves to <main>.
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { cls: el.className, href: el.getAttribute("href"), top: box.top, left: box.left,
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    if (skip.cls !== "skip-link") fail(where, `the first Tab stop is not the skip link (got class "${skip.cls}")`);
    else {
      if (skip.top < 0 || skip.left < 0) fail(where, "the focused skip link is off screen");
      if (skip.outline === "none" || skip.outlineWidth < 2) fail(where, "no visible focus outline on the skip link");
      await page.keyboard.press("Enter");
      // The fragment navigation finishes after the key press returns; on a loaded CI
      // machine reading the URL at once raced it, so wait for it (with a time limit).
      const reached = await page.waitForURL((url) => url.hash === "#main", { timeout: 10000 }).then(() => true, () => false);
      if (!reached) fail(where, "the skip link does not lead to #main");
    }
    // Every menu item is on screen and big enough to tap.
    const items = await page.locator(".site-header .menu a").evaluateAll((links) => links.map((a) => {
      const box = a.getBoundingClientRect();
      return { text: a.textContent, left: box.left, right: box.right, height: box.height, visible: box.width > 0 && getComputedStyle(a).visibility !== "hidden" };
    }));
    if (!items.length) fail(where, "no global menu");
    for (const item of items) {
      if (!item.visible || item.left < 0 || item.right > PHONE.width) fail(where, `menu item "${item.text}" is not on screen`);
      else if (item.height < 24) fail(where, `menu item "${item.text}" is only ${item.height}px tall`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(where, `scrolls sideways by ${overflow}px`);
    for (const line of log) fail(where, line);
    await page.close();
  }
  await context.close();
}

// The case-study database: with JavaScript the filter form appears, and choosing an
// industry or typing a company name narrows the list to exactly the matching cases
// (judged from each item's data attributes and text), with the count announced.
async function checkCaseFilter(browser) {
  const context = await newContext(browser);
  for (const { code, prefix } of LANGUAGES) {
    const where = `${code} case filter`;
    const page = await context.newPage();
    const log = watch(page);
    await page.goto(new URL("/" + prefix + "cases/", base).href);
    const form = page.locator("#case-filter");
    if (!(await form.isVisible())) { fail(where, "the filter form is not shown with JavaScript"); await page.close(); continue; }
    const items = page.locator("#case-list li[data-prefecture]");
    const total = await items.count();
    if (total < 2) fail(where, `only ${total} cases listed`);
    const visibleItems = () => items.evaluateAll((els) => els.filter((el) => !el.hidden).map((el) => el.textContent));
    const count = () => page.locator("#filter-count").textContent();

    // An industry that only some cases have.
    const industries = await items.evaluateAll((els) => els.map((el) => el.dataset.industry.split(" ").filter(Boolean)));
    const tally = new Map();
    for (const list of industries) for (const key of list) tally.set(key, (tally.get(key) || 0) + 1);
    const [industry, expected] = [...tally].find(([, n]) => n < total) || [];
    if (!industry) fail(where, "no industry narrows the list");
    else {
      await page.selectOption("#filter-industry", industry);
      const shown = await visibleItems();
      if (shown.length !== expected) fail(where, `industry ${industry}: ${shown.length} cases shown, ${expected} have it`);
      if (!(await count()).includes(String(expected))) fail(where, `industry ${industry}: the count says "${await count()}"`);
      await page.selectOption("#filter-industry", "");
    }
    // The first case's title typed in the text box leaves the cases that contain it.
    const title = (await page.locator("#case-list li[data-prefecture] a").first().textContent()).trim();
    await page.fill("#filter-text", title);
    const byText = await visibleItems();
    if (!byText.length || byText.length === total || byText.some((text) => !text.includes(title)))
      fail(where, `typing "${title}" shows ${byText.length} of ${total} cases`);
    // Nothing matches: an empty list and a zero count.
    await page.fill("#filter-text", "zzzz-no-such-case");
    if ((await visibleItems()).length !== 0) fail(where, "a text nothing contains still shows cases");
    if (!(await count()).includes("0")) fail(where, `with no match the count says "${await count()}"`);
    await page.fill("#filter-text", "");
    if ((await visibleItems()).length !== total) fail(where, "clearing the text box does not bring every case back");
    for (const line of log) fail(where, line);
    await page.close();
  }
  await context.close();
}

async function checkPrint(browser, url) {
  const where = `print stylesheet on ${url}`;
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(new URL(url, base).href);
  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => {
    const hidden = (sel) => [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).display === "none");
    const link = document.querySelector("main .content a[href^='/'], main .content a[href^='http']");
    return {
      navHidden: hidden(".site-header nav, .language-switcher, .breadcrumbs, .site-footer nav"),
      after: link ? getComputedStyle(link, "::after").content : null,
      href: link ? link.getAttribute("href") : null,
      color: getComputedStyle(document.body).color,
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
  if (!print.navHidden) fail(where, "navigation and menus are printed");
  if (print.href === null) fail(where, "no link in the content to check");
  else if (!print.after || !print.after.includes(print.href)) fail(where, `link address not printed after the link (::after is ${print.after})`);
  if (print.color !== "rgb(0, 0, 0)") fail(where, `text prints in ${print.color}, not black`);
  if (!["rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"].includes(print.background)) fail(where, `background prints as ${print.background}`);
  await context.close();
}

// The published CSS is minified (generator/outputs/minify.cpp). Chromium is the
// oracle that it means the same: every element's computed style, on screen and in
// print, with the published files and with the theme's sources served in their place.
async function computedStyles(page) {
  return page.evaluate(() => [...document.querySelectorAll("*")].map((el) => {
    const style = getComputedStyle(el);
    let out = el.tagName;
    for (let i = 0; i < style.length; i++) out += `;${style[i]}:${style.getPropertyValue(style[i])}`;
    return out;
  }));
}

async function checkMinifiedCss(browser, urls) {
  const sourceDir = process.env.PORTAL_SOURCE_DIR;
  if (!sourceDir) return fail("minified CSS", "PORTAL_SOURCE_DIR is not set (run through CTest)");
  const cssDir = path.join(sourceDir, "themes", "default", "static", "css");
  for (const url of urls) {
    for (const media of ["screen", "print"]) {
      const where = `minified CSS on ${url} (${media})`;
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.emulateMedia({ media });
      await page.goto(new URL(url, base).href);
      const published = await computedStyles(page);
      let replaced = 0;
      await page.route(/\/css\/([a-z0-9_-]+)\.[0-9a-f]{8}\.css$/, (route) => {
        const name = /\/css\/([a-z0-9_-]+)\.[0-9a-f]{8}\.css$/.exec(new URL(route.request().url()).pathname)[1];
        replaced++;
        return route.fulfill({ contentType: "text/css; charset=utf-8", body: fs.readFileSync(path.join(cssDir, `${name}.css`)) });
      });
      await page.reload();
      const source = await computedStyles(page);
      if (!replaced) fail(where, "no fingerprinted stylesheet was loaded");
      else if (published.length !== source.length) fail(where, `${published.length} elements vs ${source.length}`);
      else {
        const differ = published.findIndex((style, i) => style !== source[i]);
        if (differ >= 0) {
          const a = published[differ].split(";"), b = source[differ].split(";");
          const props = a.filter((p) => !b.includes(p)).slice(0, 5);
          fail(where, `element ${differ} (${a[0]}) is styled differently: ${props.join(" ")}`);
        }
      }
      await context.close();
    }
  }
}

async function screenshots(browser, pages) {
  fs.mkdirSync(shotDir, { recursive: true });
  const wanted = pages.filter((p) => p.kind === "home" || p.kind === "page cases");
  for (const viewport of [PHONE, DESKTOP]) {
    const context = await newContext(browser, { viewport });
    const page = await context.newPage();
    for (const spec of wanted) {
      await page.goto(new URL(spec.url, base).href);
      const name = `${spec.kind === "home" ? "home" : "case"}-${spec.lang}-${viewport.width}.png`;
      await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
    }
    await context.close();
  }
}

// ---- Main
const started = Date.now();
const pages = pagesToTest();
let browser;
try {
  browser = await launchChromium();
} catch (err) {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${err.message}`);
  process.exit(1);
}
try {
  const context = await newContext(browser);
  const queue = [...pages];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let spec; (spec = queue.shift());) {
      const t = Date.now();
      await checkPage(context, spec);
      if (process.env.BROWSER_TEST_VERBOSE) console.log(`${spec.url} ${Date.now() - t}ms`);
    }
  }));
  await context.close();
  await checkKeyboardAndPhoneWithoutJavaScript(browser);
  await checkCaseFilter(browser);
  const casePage = pages.find((p) => p.kind === "page cases" && p.lang === "ja");
  if (casePage) await checkPrint(browser, casePage.url);
  await checkMinifiedCss(browser, ["/", "/cases/", casePage ? casePage.url : "/en/"]);
  await screenshots(browser, pages);
} finally {
  await browser.close();
}
for (const url of externalRequests) fail("network", `request to the outside: ${url}`);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`checked ${pages.length} pages (${pages.map((p) => p.url).join(" ")})`);
console.log(`screenshots: ${shotDir}`);
if (failures.length) {
  console.log(`\n${failures.length} failure(s) in ${seconds}s:\n`);
  for (const f of failures) console.log(`- ${f}\n`);
  process.exit(1);
}
console.log(`all browser checks passed in ${seconds}s`);
