// How much index data a query downloads: index.json, the shards of its
// tokens and the fragments of the first screen of results (10), exactly as
// themes/default/static/js/search.js fetches them, read from a built site.
//
//   node bench/search_download_size.mjs <site dir> <search path> <query>...
//
// Prints one JSON line per query: {query, path, tokens, shards, results,
// bytes, gzip_bytes, shard_bytes, fragment_bytes, index_json_bytes}.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const search = require(path.join(here, "..", "themes", "default", "static", "js", "search.js"));
const [siteDir, searchPath, ...queries] = process.argv.slice(2);
if (!siteDir || !searchPath || !queries.length) {
  console.error("usage: node search_download_size.mjs <site dir> <search path> <query>...");
  process.exit(2);
}
const dir = path.join(siteDir, searchPath);
const read = (rel) => fs.readFileSync(path.join(dir, rel));
const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 6 }).length;

const indexJson = read("index.json");
const meta = JSON.parse(indexJson);
for (const query of queries) {
  const tokens = search.queryTokens(query);
  const shardIds = Array.from(new Set(tokens.map((t) => search.shardOf(t, meta.shards))));
  const shards = new Map(shardIds.map((id) => [id, read(`shards/${id}.json`)]));
  const postings = tokens.map((t) => {
    const table = JSON.parse(shards.get(search.shardOf(t, meta.shards)));
    return table[t] ? search.decodePostings(table[t]) : [];
  });
  let results = search.rank(postings, meta.pages, null, false);
  if (!results.length) results = search.rank(postings, meta.pages, null, true);
  const fragments = results.slice(0, 10).map((r) => read(`pages/${r.page}.json`));
  const files = [indexJson, ...shards.values(), ...fragments];
  const sum = (list) => list.reduce((n, b) => n + b.length, 0);
  console.log(JSON.stringify({
    query, path: searchPath, tokens: tokens.length, shards: shards.size, results: results.length,
    bytes: sum(files), gzip_bytes: files.reduce((n, b) => n + gzipSize(b), 0),
    shard_bytes: sum([...shards.values()]), fragment_bytes: sum(fragments), index_json_bytes: indexJson.length,
  }));
}
