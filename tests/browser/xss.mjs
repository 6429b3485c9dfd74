// The XSS test in Debian's Chromium, driven by playwright-core (run by test_xss.py).
//
//   node tests/browser/xss.mjs <base url> <site dir> <expected titles json>
//
// Loads EVERY HTML file of the built hostile portal (tests/browser/xss_site.py) twice:
//  1. with the page's Content-Security-Policy bypassed, so escaping alone must stop the
//     payloads: no alert/confirm/prompt dialog may open, and no element or attribute a
//     payload would create may exist (on* handlers, ids and classes starting with "xss",
//     scripts other than the site's own files and JSON data, frames, plugins, <base>,
//     <style>, style attributes, refresh <meta>, javascript:/vbscript:/data: URLs).
//     Pages whose title is a payload must show it as text in their <h1>: the payload was
//     escaped, not dropped. The search page also runs queries that list hostile pages
//     and one that is itself a payload.
//  2. with the policy enforced (the <meta> tag and the _headers file, which the test's
//     server sends): no `securitypolicyviolation` event and no console error on any page,
//     so the theme works without inline script or style.
// Exit code 0 when everything passed, 1 otherwise (every failure is listed), 2 on misuse.
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM, launchChromium } from "./chromium.mjs";

const PARALLEL = 3;

const [baseArg, siteDir, titlesFile] = process.argv.slice(2);
if (!baseArg || !siteDir || !titlesFile) {
  console.error("usage: node xss.mjs <base url> <site dir> <expected titles json>");
  process.exit(2);
}
const base = new URL(baseArg);
// URL path → the payload its <h1> must show as text.
const expectedTitles = JSON.parse(fs.readFileSync(titlesFile, "utf8"));
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

function htmlPages(dir, rel = "") {
  const urls = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) urls.push(...htmlPages(dir, child));
    else if (entry.name.endsWith(".html")) urls.push("/" + (entry.name === "index.html" ? (rel ? rel + "/" : "") : child));
  }
  return urls.sort();
}

// Everything a payload could have left in the DOM; run in the page.
function injectedThings() {
  const found = [];
  const origin = location.origin;
  const describe = (el) => el.outerHTML.slice(0, 160);
  const dangerous = (value) => {
    try {
      const url = new URL(value, document.baseURI);
      return ["javascript:", "vbscript:", "data:", "file:"].includes(url.protocol);
    } catch {
      return false;
    }
  };
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(`event handler attribute ${name}: ${describe(el)}`);
      if (name === "style") found.push(`style attribute: ${describe(el)}`);
      if (["href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"].includes(name) &&
          dangerous(attr.value.trim().split(/\s+/)[0] || ""))
        found.push(`${attr.value.slice(0, 40)} in ${name}: ${describe(el)}`);
    }
    if (/^xss/i.test(el.id) || [...el.classList].some((c) => /^xss/i.test(c))) found.push(`injected element: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll("script")) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (type === "application/ld+json" || type === "application/json") {
      try { JSON.parse(el.textContent); } catch (e) { found.push(`JSON data block does not parse (${e.message}): ${describe(el)}`); }
      continue;
    }
    if (!el.src || !el.src.startsWith(origin + "/")) found.push(`script not from the site: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll("iframe, frame, object, embed, base, style, link[rel~=import], meta[http-equiv]"))
    if (!(el.tagName === "META" && el.httpEquiv.toLowerCase() === "content-security-policy")) found.push(`injected ${el.tagName.toLowerCase()}: ${describe(el)}`);
  return found;
}

async function settle(page) {
  // autofocus, ontoggle and media errors fire after load: give them two frames and a moment.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(30);
}

async function escapingPass(browser, urls) {
  const context = await browser.newContext({ bypassCSP: true });
  let dialogs = 0;
  const check = async (page, url) => {
    const where = `${url} (CSP bypassed)`;
    const onDialog = async (dialog) => {
      dialogs++;
      fail(where, `a ${dialog.type()} dialog opened: ${JSON.stringify(dialog.message())}`);
      await dialog.dismiss().catch(() => {});
    };
    page.on("dialog", onDialog);
    try {
      const response = await page.goto(new URL(url, base).href, { waitUntil: "load" });
      if (!response || (response.status() >= 400 && !url.endsWith("404.html"))) fail(where, `HTTP ${response ? response.status() : "no response"}`);
      await settle(page);
      if (new URL(page.url()).pathname !== new URL(url, base).pathname) fail(where, `navigated away to ${page.url()}`);
      for (const thing of await page.evaluate(injectedThings)) fail(where, thing);
      const pathname = new URL(page.url()).pathname;
      if (expectedTitles[pathname] !== undefined) {
        const h1 = await page.evaluate(() => document.querySelector("h1")?.textContent);
        if (h1 !== expectedTitles[pathname]) fail(where, `<h1> shows ${JSON.stringify(h1)}, not the title as text ${JSON.stringify(expectedTitles[pathname])}`);
      }
    } catch (err) {
      fail(where, `error while testing: ${err.message}`);
    } finally {
      page.off("dialog", onDialog);
    }
  };
  await runAll(context, urls, check);
  // The search page renders results and the query itself with JavaScript.
  const searches = [];
  for (const prefix of ["", "en/"]) {
    if (!fs.existsSync(path.join(siteDir, prefix, "search", "index.html"))) { fail(`/${prefix}search/`, "no search page"); continue; }
    for (const q of ["alert", "script", "xss", "<img src=x onerror=alert(301) id=xss-q>", "\"><svg onload=alert(302)>"])
      searches.push(`/${prefix}search/?q=${encodeURIComponent(q)}`);
  }
  let listed = 0;
  await runAll(context, searches, async (page, url) => {
    await check(page, url);
    // Wait for the results (or the "no results" status) before looking again.
    await page.waitForFunction(() => {
      const status = document.querySelector("#search-status");
      return status && status.textContent.trim() && status.textContent !== status.dataset.loading &&
        !document.querySelector("#search-results[aria-busy=true]");
    }, null, { timeout: 15000 }).catch(() => fail(url, "the search never finished"));
    await settle(page);
    listed += await page.locator("#search-results li").count();
    for (const thing of await page.evaluate(injectedThings)) fail(`${url} (after searching)`, thing);
  });
  if (listed === 0) fail("search", "no query listed any page: the hostile titles were not searched");
  await context.close();
  return { pages: urls.length + searches.length, dialogs, listed };
}

async function policyPass(browser, urls) {
  const context = await browser.newContext();
  // Runs before the page's own code and outside its policy (a DevTools script).
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber})`));
  });
  let violations = 0;
  await runAll(context, urls, async (page, url) => {
    const where = `${url} (CSP enforced)`;
    const errors = [];
    page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
    page.on("pageerror", (err) => errors.push(`uncaught exception: ${err.message}`));
    page.on("dialog", (dialog) => { errors.push(`a ${dialog.type()} dialog opened`); dialog.dismiss().catch(() => {}); });
    try {
      const response = await page.goto(new URL(url, base).href, { waitUntil: "load" });
      const header = response && (await response.headerValue("content-security-policy"));
      if (!header) fail(where, "the server sent no Content-Security-Policy header (is _headers published?)");
      const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
      if (!meta) fail(where, "no <meta http-equiv=\"Content-Security-Policy\">");
      await settle(page);
      const seen = await page.evaluate(() => window.__violations);
      violations += seen.length;
      for (const v of seen) fail(where, `CSP violation: ${v}`);
      for (const e of errors) fail(where, `console: ${e}`);
    } catch (err) {
      fail(where, `error while testing: ${err.message}`);
    }
  });
  await context.close();
  return { violations };
}

async function runAll(context, urls, check) {
  const queue = [...urls];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    const page = await context.newPage();
    for (let url; (url = queue.shift());) await check(page, url);
    await page.close();
  }));
}

const started = Date.now();
// XSS_PAGES=<substring>: only the pages whose path has it (to look at one failure quickly).
const urls = htmlPages(siteDir).filter((u) => !process.env.XSS_PAGES || u.includes(process.env.XSS_PAGES));
let browser;
try {
  browser = await launchChromium();
} catch (err) {
  console.error(`cannot start Chromium at ${CHROMIUM}: ${err.message}`);
  process.exit(1);
}
let escaping, policy;
try {
  escaping = await escapingPass(browser, urls);
  policy = await policyPass(browser, urls);
} finally {
  await browser.close();
}
const missingTitles = process.env.XSS_PAGES ? [] : Object.keys(expectedTitles).filter((u) => !urls.includes(u));
for (const u of missingTitles) fail(u, "a hostile page was not built");

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`checked ${urls.length} HTML pages (${Object.keys(expectedTitles).length} titled with a payload) ` +
  `and ${escaping.pages - urls.length} searches (${escaping.listed} results): ` +
  `${escaping.dialogs} dialogs, ${policy.violations} CSP violations`);
if (failures.length) {
  const shown = failures.slice(0, 200);
  console.log(`\n${failures.length} failure(s) in ${seconds}s${failures.length > shown.length ? " (first 200)" : ""}:\n`);
  for (const f of shown) console.log(`- ${f}`);
  process.exit(1);
}
console.log(`all XSS and CSP checks passed in ${seconds}s`);
