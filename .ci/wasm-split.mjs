// Trunk post-build hook: splits the app's wasm so that each lazily loaded page (the
// `lazy_page!` routes in src/app.rs) arrives as its own files on first visit.
//
// Trunk 0.21 runs cargo, then wasm-bindgen, then wasm-opt, with no step in between; the
// split has to sit between cargo and wasm-bindgen. So this hook redoes the last two steps
// on cargo's output, with the split first, and replaces Trunk's wasm and JS glue in the
// staging directory under the same (hashed) names:
//   1. wasm-split-cli: the main module, one module per lazy page, and chunks of code
//      shared by several pages, plus `__wasm_split.js`, the loader the main module calls.
//      It reads the relocations cargo keeps with `--emit-relocs` (.cargo/config.toml).
//   2. wasm-bindgen on the main module, as Trunk runs it, but keeping the function table
//      export (`--keep-lld-exports`): the page modules reach the main module through it.
//   3. release builds: wasm-opt -Oz on every module, as Trunk does for the single one.
//   4. the page and chunk files and the loader get content hashes in their names, so a
//      host may cache them forever, as it may Trunk's own files;
//   5. index.html: the integrity hashes of the replaced files, a modulepreload of the
//      loader, which the glue imports (one round trip less before the app starts), and a
//      small script that preloads the modules of the page the address opens (a shared
//      link to /tasks fetches them beside the main module, not after it).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitPages } from './split-pages.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
const release = process.env.TRUNK_PROFILE === 'release';
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
// wasm-opt on a module the split wrote; release builds only, like Trunk's own pass.
// Its "unknown name subsection" warnings about the split's name sections are dropped.
// KEEP_NAMES=1 keeps the function names (a release build to profile, never to ship).
const keepNames = process.env.KEEP_NAMES === '1';
const optimise = async (file) => {
  if (!release) return;
  const strip = keepNames ? ['-g'] : ['--strip-debug', '--strip-producers'];
  const { stderr } = await promisify(execFile)('wasm-opt', ['-Oz', ...strip, file, '-o', file]);
  const other = stderr.split('\n').filter((l) => l && !l.includes('unknown name subsection'));
  if (other.length) console.error(other.join('\n'));
};

// Trunk's glue is `<stem>.js` beside `<stem>_bg.wasm`; index.html loads them by name.
const glue = readdirSync(staging).find((f) => /^omo-planner-[0-9a-f]+\.js$/.test(f));
if (!glue) throw new Error(`no omo-planner-<hash>.js in ${staging}`);
const stem = glue.slice(0, -'.js'.length);

const targetDir =
  process.env.CARGO_TARGET_DIR ??
  JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'])).target_directory;
const cargoWasm = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'omo-planner.wasm');

const work = mkdtempSync(join(tmpdir(), 'omo-split-'));
try {
  const split = join(work, 'split');
  run('wasm-split-cli', [cargoWasm, split, '--out-name', stem]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', work, '--out-name', stem, join(split, `${stem}.wasm`)]);
  const modules = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  const queue = [join(work, `${stem}_bg.wasm`), ...modules.map((f) => join(split, f))];
  await Promise.all(
    Array.from({ length: availableParallelism() }, async () => {
      while (queue.length) await optimise(queue.shift());
    }),
  );
  copyFileSync(join(work, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));

  // Page and chunk modules: renamed `<name>-<hash>.wasm`, the loader rewritten to match.
  let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  for (const file of modules) {
    const hashed = `${file.slice(0, -'.wasm'.length)}-${contentHash(join(split, file))}.wasm`;
    renameSync(join(split, file), join(staging, hashed));
    loader = loader.replaceAll(`"./${file}"`, `"./${hashed}"`);
  }
  writeFileSync(join(split, '__wasm_split.js'), loader);
  const loaderName = `__wasm_split-${contentHash(join(split, '__wasm_split.js'))}.js`;
  renameSync(join(split, '__wasm_split.js'), join(staging, loaderName));

  // The glue imports the loader by its unhashed name.
  const js = readFileSync(join(work, `${stem}.js`), 'utf8');
  // Only the `import ... from` lines: the wasm's own import table keeps the name as a key.
  const rewritten = js.replace(/^(import \* as \w+ from )(["'])\.\/__wasm_split\.js\2/gm, `$1$2./${loaderName}$2`);
  if (rewritten === js && modules.length) throw new Error(`${stem}.js does not import ./__wasm_split.js`);
  writeFileSync(join(staging, glue), rewritten);

  const indexFile = join(staging, 'index.html');
  let html = readFileSync(indexFile, 'utf8');
  for (const file of [glue, `${stem}_bg.wasm`]) {
    const link = new RegExp(`(href="[^"]*/${file}"[^>]*integrity=")[^"]*(")`);
    if (!link.test(html)) throw new Error(`index.html has no integrity-checked link to ${file}`);
    html = html.replace(link, `$1${integrity(join(staging, file))}$2`);
  }
  const preload = `<link rel="modulepreload" href="${publicUrl}${loaderName}" crossorigin="anonymous" integrity="${integrity(join(staging, loaderName))}">`;
  writeFileSync(indexFile, html.replace('</head>', `${preload}${pagePreloads(loader)}</head>`));
  console.log(`wasm split: main module and ${modules.length} lazily loaded modules (${loaderName})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// `{tasks: [files…], …}` as indexes into one list of files, and the lines that preload the
// entry of the first path segment (and the plan reader, where plans are stored). The links match the loader's `fetch` (same-origin
// CORS mode), so each module is fetched once.
function pagePreloads(loader) {
  const pages = splitPages(loader);
  const files = [...new Set(pages.flatMap((p) => p.files))];
  const index = Object.fromEntries(pages.map((p) => [p.name, p.files.map((f) => files.indexOf(f))]));
  // Own keys only: an address like /constructor must not find Object's properties.
  // A browser that holds plans (the index, or the old single-plan key) reads one at the
  // start: the plan reader's modules come beside the main module too.
  return `<script>{const f=${JSON.stringify(files)},p=${JSON.stringify(index)},k=location.pathname.split('/')[1],` +
    `o=Object.prototype.hasOwnProperty.call(p,k)?p[k]:[],` +
    `s=(()=>{try{return localStorage.getItem('omo-planner.plans')!==null||localStorage.getItem('omo-planner.plan')!==null}catch(e){return false}})(),` +
    `m=new Set(s&&p.plan_reader?o.concat(p.plan_reader):o);` +
    `for(const i of m){const l=document.createElement('link');l.rel='preload';l.as='fetch';` +
    `l.crossOrigin='anonymous';l.href=${JSON.stringify(publicUrl)}+f[i];document.head.append(l)}}</script>`;
}

function integrity(file) {
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

function contentHash(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}
