// `portal serve` under the theme's Content-Security-Policy, in Chromium (run by
// test_serve_csp.py): the injected live-reload script (an external file) loads, a
// content edit reloads the page, a broken edit shows the error overlay (styled through
// the DOM, which the policy allows) and the fix takes it away — with no CSP violation
// and no console error on the way.
//
//   node tests/browser/serve_csp.mjs <page url> <content file> <expected text>
import fs from "node:fs";
import { launchChromium } from "./chromium.mjs";

const [url, contentFile, firstText] = process.argv.slice(2);
if (!url || !contentFile || !firstText) {
  console.error("usage: node serve_csp.mjs <page url> <content file> <expected text>");
  process.exit(2);
}
const failures = [];
const step = async (what, promise) => {
  try { await promise; } catch (err) { failures.push(`${what}: ${err.message.split("\n")[0]}`); }
};
const page_ = (title, body) => `+++\ntitle = "${title}"\ndate = 2025-06-20\n+++\n${body}\n`;

const browser = await launchChromium();
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    // The browser's own guess at /favicon.ico is not a request of the page.
    if (msg.type() === "error" && !(msg.location()?.url || "").endsWith("/favicon.ico")) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  const violations = [];
  const collect = async () => { violations.push(...(await page.evaluate(() => window.__violations).catch(() => []))); };

  await page.goto(url, { waitUntil: "load" });
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  if (!policy || !policy.includes("script-src 'self'")) failures.push(`the page has no strict policy (${policy})`);
  if (!(await page.textContent("main")).includes(firstText)) failures.push("the first version is not shown");
  await step("the reload script loads", page.waitForFunction(
    () => performance.getEntriesByType("resource").some((r) => r.name.endsWith("/__portal/reload.js")), null, { timeout: 15000 }));
  await collect();

  fs.writeFileSync(contentFile, page_("Hello", "Second version."));
  await step("an edit reloads the page", page.waitForFunction(
    () => document.querySelector("main")?.textContent.includes("Second version."), null, { timeout: 30000 }));
  await collect();

  fs.writeFileSync(contentFile, '+++\ntitle = "Hello"\ndate = 2025-13-45\n+++\nBroken.\n');
  await step("a broken edit shows the overlay", page.waitForSelector("#portal-build-errors", { timeout: 30000 }));
  const overlay = await page.evaluate(() => {
    const el = document.getElementById("portal-build-errors");
    return el && { position: getComputedStyle(el).position, text: el.textContent };
  });
  if (!overlay || overlay.position !== "fixed") failures.push(`the overlay is not styled (position ${overlay?.position})`);
  else if (!overlay.text.includes(":3")) failures.push(`the overlay does not name the line: ${overlay.text.slice(0, 200)}`);
  await collect();

  fs.writeFileSync(contentFile, page_("Hello", "Fixed."));
  await step("the fix reloads the page without the overlay", page.waitForFunction(
    () => document.querySelector("main")?.textContent.includes("Fixed.") && !document.getElementById("portal-build-errors"),
    null, { timeout: 30000 }));
  await collect();

  for (const v of violations) failures.push(`CSP violation: ${v}`);
  for (const e of errors) failures.push(`console: ${e}`);
  await context.close();
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(`${failures.length} failure(s):`);
  for (const f of failures) console.log(`- ${f}`);
  process.exit(1);
}
console.log("live reload and the error overlay work under the policy, no violation");
