// How every browser test starts its browser: Debian's Chromium (never a
// downloaded one) driven by playwright-core, headless, with no network but
// 127.0.0.1 (any other host name resolves to nothing, so a page that tries to
// load something from outside fails the test instead of reaching out).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

export const CHROMIUM = process.env.PORTAL_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
