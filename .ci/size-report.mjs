// Prints raw, gzip and brotli bytes of every file the first page load fetches from
// dist/, and the totals. A report, not a test: the budget is printed beside the total.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const BUDGET_GZIP = 300 * 1024;
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile()).sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
let total = { raw: 0, gzip: 0, br: 0 };
console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}`);
for (const f of files) {
  const body = readFileSync(join(dist, f));
  const sizes = {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k in total) total[k] += sizes[k];
  console.log(`${f.padEnd(44)}${kb(sizes.raw)} ${kb(sizes.gzip)} ${kb(sizes.br)}`);
}
console.log(`${'total'.padEnd(44)}${kb(total.raw)} ${kb(total.gzip)} ${kb(total.br)}`);
console.log(`initial transfer budget: ${kb(BUDGET_GZIP).trim()} gzip; used ${((100 * total.gzip) / BUDGET_GZIP).toFixed(0)}%`);
