// Prints raw, gzip and brotli bytes of every file the first page load fetches from
// dist/, and the totals; then what each lazily loaded page fetches on its first visit.
// A report, not a test: the budget is printed beside the total.
//
// The first load is every file except the page and chunk modules of the wasm split
// (.ci/wasm-split.mjs); the split's loader (`__wasm_split-<hash>.js`) says which modules
// each page needs (split-pages.mjs), and the report totals them per page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { splitPages } from './split-pages.mjs';

const dist = process.argv[2] ?? 'dist';
const BUDGET_GZIP = 300 * 1024;
// The .br / .gz copies beside each file are the same bytes, compressed: not counted again.
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile() && !/\.(br|gz)$/.test(f) && f !== '200.html').sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
const sizesOf = (f) => {
  const body = readFileSync(join(dist, f));
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const sum = (list) =>
  list.reduce((t, f) => {
    const s = sizesOf(f);
    return { raw: t.raw + s.raw, gzip: t.gzip + s.gzip, br: t.br + s.br };
  }, { raw: 0, gzip: 0, br: 0 });
const row = (name, s) => console.log(`${name.padEnd(44)}${kb(s.raw)} ${kb(s.gzip)} ${kb(s.br)}`);

const onDemand = (f) => /^(split|chunk)_.*\.wasm$/.test(f) || isPack(f);
// A start or navigation pack (.ci/wasm-split.mjs): modules fetched together, in one file.
const isPack = (f) => /^(pack|nav)_.*\.bin$/.test(f);
// A prerendered index.html carries its CSS inline: the style sheet is then fetched only by
// the shell of an address with no prerendered page (200.html), not by the first load.
const landing = readFileSync(join(dist, 'index.html'), 'utf8');
// The service worker (.ci/service-worker.mjs) is registered once the app is live and the
// browser idle: after the first load, never before it (src/state/offline.rs).
const afterLive = (f) => f === 'sw.js';
const firstLoad = files.filter((f) => !onDemand(f) && !afterLive(f) && (!f.endsWith('.css') || landing.includes(f)));

console.log(`${'first load'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}`);
for (const f of firstLoad) row(f, sizesOf(f));
const total = sum(firstLoad);
row('total', total);
console.log(`initial transfer budget: ${kb(BUDGET_GZIP).trim()} gzip; used ${((100 * total.gzip) / BUDGET_GZIP).toFixed(0)}%`);
const notFetched = files.filter((f) => !onDemand(f) && !afterLive(f) && !firstLoad.includes(f));
if (notFetched.length) console.log(`not in the first load of /: ${notFetched.join(', ')} (linked by 200.html only)`);
for (const f of files.filter(afterLive)) {
  const s = sizesOf(f);
  console.log(`not in the first load of /: ${f}, the service worker, fetched once the app is live and the browser idle (${kb(s.gzip).trim()} gzip)`);
}

const loaderFile = files.find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
if (!loaderFile) process.exit(0);
const loader = readFileSync(join(dist, loaderFile), 'utf8');
const pages = splitPages(loader);
const listed = new Set(pages.flatMap((p) => p.files));
const unlisted = files.filter((f) => onDemand(f) && !isPack(f) && !listed.has(f));
if (unlisted.length) throw new Error(`modules no page loads: ${unlisted.join(', ')}`);

console.log(`\n${'on first visit of a page, after the first load'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}`);
for (const page of pages.sort((a, b) => a.name.localeCompare(b.name))) {
  row(`/${page.name} (${page.files.length} files)`, sum(page.files));
}
row(`every page (${listed.size} files)`, sum([...listed]));

// A first visit also fetches the demo plan's modules before it is interactive; a returning
// merchant fetches the plan reader's instead (both beside the first load), in one start
// pack where the build wrote one.
const byName = Object.fromEntries(pages.map((p) => [p.name, p.files]));
const packOf = (key) => files.find((f) => isPack(f) && f.startsWith(`pack_${key}-`));
console.log('');
for (const [label, extra] of [['first visit of / (first load + demo)', 'demo'], ['returning visit of / (first load + plan reader)', 'plan_reader']]) {
  const pack = packOf(extra);
  if (byName[extra]) row(label, sum([...new Set([...firstLoad, ...(pack ? [pack] : byName[extra])])]));
}
const packs = files.filter((f) => /^pack_/.test(f));
if (packs.length) {
  console.log(`\n${'start packs: an address, first visit / returning'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}`);
  for (const f of packs) row(f.replace(/-[0-9a-f]+\.bin$/, ''), sizesOf(f));
}
