// The JavaScript side of tests/search/test_tokeniser.py: runs the theme's
// search.js normaliser and tokeniser the way search_tokenise runs the C++ one.
//
//   node tokenise.mjs [--index] < strings.json     → [{normalised, tokens}]
//   node tokenise.mjs --query < strings.json       → [[query tokens]] (search.js only)
//   node tokenise.mjs --code-points < numbers.json → one JSON line
//                                                    [code point, normalised, tokens] each
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const search = require(process.env.SEARCH_JS || "../../themes/default/static/js/search.js");
const mode = process.argv[2] || "";
const input = JSON.parse(readFileSync(0, "utf8"));

if (mode === "--code-points") {
  const lines = input.map((cp) => {
    const normalised = search.normalise(String.fromCodePoint(cp));
    return JSON.stringify([cp, normalised, search.tokenise(normalised, false)]);
  });
  process.stdout.write(lines.join("\n") + "\n");
} else if (mode === "--query") {
  process.stdout.write(JSON.stringify(input.map((text) => search.queryTokens(text))) + "\n");
} else {
  const everyCjk = mode === "--index";
  const results = input.map((text) => {
    const normalised = search.normalise(text);
    return { normalised, tokens: search.tokenise(normalised, everyCjk) };
  });
  process.stdout.write(JSON.stringify(results) + "\n");
}
