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
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
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
  const packs = writePacks(loader);
  const navPacks = writeNavPacks(loader);
  // Each page's load goes through `navigating`, and, module scope, the loader's own
  // `fetch(new URL("./<module>", …))` calls find the `fetch` of packFetch.
  const pageLoads = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n?, \[([^\]]*)\]\)\);/g;
  loader = loader.replace(pageLoads, 'export const __wasm_split_load_$1 = wrapAsyncCb(navigating("$1", makeLoad($2\n, [$3])));');
  if (splitPages(loader).length !== Object.keys(navPacks.all).length) throw new Error('split loader: a page load was not wrapped');
  // Each module is compiled as soon as its bytes are in (packFetch's `compile`), then
  // instantiated once its dependencies are.
  const instantiations = /src\.catch\(\(\) => \{\}\);\n(\s*)return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;
  const compiled = loader.match(instantiations)?.length ?? 0;
  if (compiled !== modules.length) throw new Error(`split loader: ${compiled} of ${modules.length} module loads rewritten to compile early`);
  loader = loader.replace(instantiations, 'const compiled = compile(src);\n$1return async (imports) => ({ instance: await WebAssembly.instantiate(await compiled, imports) });');
  loader = `${packFetch(navPacks.written)}\n${loader}`;
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
  writeFileSync(indexFile, html.replace('</head>', `${preload}${pagePreloads(loader, packs)}</head>`));
  console.log(`wasm split: main module and ${modules.length} lazily loaded modules (${loaderName}); ${Object.keys(packs).length} start packs, ${Object.keys(navPacks.written).length} navigation packs`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Start packs. A page's modules are many small files (each chunk is the code one set of
// pages shares): /funnel needs 70. Over HTTP/1.1 a browser fetches six at a time, so on a
// phone's 3G the start waited for a dozen round trips in a row. What a start needs is
// known: the page the address opens, and either the demo plan (a first visit) or the plan
// reader (a browser that holds plans). Each such set is also written as one file,
// `pack_<page>+<start>-<hash>.bin`:
//   u32 little-endian length of a JSON header, the header `[[module file, bytes], …]`,
//   then the modules' bytes in that order.
// The page's HTML preloads the one pack it needs (pagePreloads) and tells the loader which
// modules it holds (`globalThis.__omoPack`); the loader's fetch of such a module
// (packFetch) takes its bytes from the pack. Every module stays a file of its own too:
// what a page opened later needs is fetched as before, and so is a module whose pack
// could not be fetched.
function writePacks(loader) {
  const byName = Object.fromEntries(splitPages(loader).map((p) => [p.name, p.files]));
  const packs = {};
  for (const start of ['demo', 'plan_reader'].filter((s) => byName[s])) {
    for (const page of ['', ...routePages().filter((r) => byName[r])]) {
      const files = [...new Set([...(byName[page] ?? []), ...byName[start]])];
      const body = packBytes(files);
      const file = `pack_${page ? `${page}+` : ''}${start}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.bin`;
      writeFileSync(join(staging, file), body);
      packs[`${page}+${start}`] = { file, files };
    }
  }
  return packs;
}

// Navigation packs. Opening a page in the app (not by its address) asks for the page's
// module files that are not in yet, forty to seventy for a main page on its first
// opening: the same dozen round trips in a row on 3G. `nav_<page>-<hash>.bin` (the start
// packs' format) holds the page's modules but those of the plan reader, which every
// session has once its start is over (the plan reader's own pack leaves out the demo
// plan's). When a page's load asks for more files than one round trip brings (six), the
// loader takes them from its navigation pack; what the pack holds that is already in
// (shared with a page opened before) is the price of the round trips saved.
function writeNavPacks(loader) {
  const pages = splitPages(loader);
  const byName = Object.fromEntries(pages.map((p) => [p.name, p.files]));
  const all = {};
  const written = {};
  for (const { name, files } of pages) {
    const known = new Set(byName[name === 'plan_reader' ? 'demo' : 'plan_reader'] ?? []);
    const own = files.filter((f) => !known.has(f));
    all[name] = own;
    if (own.length <= 6) continue;
    const body = packBytes(own);
    const file = `nav_${name}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.bin`;
    writeFileSync(join(staging, file), body);
    written[name] = file;
  }
  return { all, written };
}

// A pack's bytes: u32 little-endian length of a JSON header `[[module file, bytes], …]`,
// the header, then the modules' bytes in that order.
function packBytes(files) {
  const header = Buffer.from(JSON.stringify(files.map((f) => [f, statSync(join(staging, f)).size])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, ...files.map((f) => readFileSync(join(staging, f)))]);
}

// The lazily loaded pages the router opens by the first path segment (src/app.rs,
// `lazy_page!(<segment>, …)`).
function routePages() {
  const app = readFileSync(new URL('../src/app.rs', import.meta.url), 'utf8');
  const pages = [...app.matchAll(/lazy_page!\(\s*(\w+)\s*,/g)].map((m) => m[1]);
  if (!pages.length) throw new Error('src/app.rs declares no lazy_page!');
  return pages;
}

// Put first in the split's loader: `fetch`, which its module fetches find, and
// `navigating`, which wraps each page's load.
// - A module the start pack holds (`globalThis.__omoPack`, set by the page's HTML) comes
//   from the start pack, each once; the pack's bytes are let go when all are taken.
// - The files a page's load asks for at once (the modules not in yet: makeLoad asks for
//   them in one synchronous go) come from the page's navigation pack when there are more
//   than six of them.
// Anything else, a module a pack does not hold, or every module of a pack that fails:
// the network, as the loader would do itself. Answers are Responses typed
// application/wasm.
// - `compile`, which the loader's module loads call at once (not when the module's
//   dependencies are in, as the loader did): bytes from a pack, already whole, by
//   WebAssembly.compile, which decodes them off the main thread (streaming a whole buffer
//   decoded it on the main thread: 10-40 ms tasks on a desktop CPU after the first
//   paint); bytes from the network by compileStreaming, which decodes them as they arrive.
function packFetch(navPacks) {
  return `const { fetch, navigating, compile } = (() => {
  const net = globalThis.fetch.bind(globalThis);
  const NAV = ${JSON.stringify(navPacks)};
  const read = (url) => net(url).then(async (r) => {
    if (!r.ok) throw new Error(\`\${url}: \${r.status}\`);
    const bytes = await r.arrayBuffer();
    const length = new DataView(bytes).getUint32(0, true);
    const entries = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, length)));
    const found = new Map();
    let at = 4 + length;
    for (const [file, size] of entries) { found.set(file, new Uint8Array(bytes, at, size)); at += size; }
    if (at !== bytes.byteLength) throw new Error(\`\${url}: \${bytes.byteLength} bytes, header says \${at}\`);
    return found;
  });
  const packed = new WeakMap();
  const answer = (bytes) => {
    const response = new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
    packed.set(response, bytes);
    return response;
  };
  const compile = (src) => {
    const module = src.then((r) => (packed.has(r) ? WebAssembly.compile(packed.get(r)) : WebAssembly.compileStreaming(r)));
    module.catch(() => {});
    return module;
  };
  let start, startModules, asked = null;
  const fetch = (url, init) => {
    const given = globalThis.__omoPack;
    if (given && !start) start = { url: given.url, wanted: new Set(given.files) };
    const file = String(url).split('/').pop();
    if (start && start.wanted.delete(file)) {
      startModules ??= read(start.url);
      const whole = startModules;
      if (!start.wanted.size) startModules = undefined;
      return whole.then((found) => answer(found.get(file)), () => net(url, init));
    }
    if (asked) return new Promise((resolve) => asked.push({ file, url, init, resolve }));
    return net(url, init);
  };
  const navigating = (name, load) => () => {
    if (asked) return load();
    asked = [];
    try {
      return load();
    } finally {
      const files = asked;
      asked = null;
      const pack = files.length > 6 && NAV[name] ? read(new URL(\`./\${NAV[name]}\`, import.meta.url)) : null;
      for (const a of files) {
        const own = () => net(a.url, a.init);
        a.resolve(pack ? pack.then((found) => (found.has(a.file) ? answer(found.get(a.file)) : own()), own) : own());
      }
    }
  };
  return { fetch, navigating, compile };
})();`;
}

// `{tasks: [files…], …}` as indexes into one list of files, the start packs, and the lines
// that preload what the address starts with: the start pack of the first path segment's
// page and the demo plan (a first visit) or the plan reader (a browser that holds plans,
// in the index or under the old single-plan key), or, with no such pack, the page's own
// modules. The links match the loader's `fetch` (same-origin CORS mode), so each file is
// fetched once.
function pagePreloads(loader, packs) {
  const pages = splitPages(loader);
  const files = [...new Set(pages.flatMap((p) => p.files))];
  const index = Object.fromEntries(pages.map((p) => [p.name, p.files.map((f) => files.indexOf(f))]));
  const packNames = Object.fromEntries(Object.entries(packs).map(([key, pack]) => [key, pack.file]));
  const base = JSON.stringify(publicUrl);
  // Own keys only: an address like /constructor must not find Object's properties.
  return `<script>{const f=${JSON.stringify(files)},p=${JSON.stringify(index)},P=${JSON.stringify(packNames)},` +
    `h=(o,k)=>Object.prototype.hasOwnProperty.call(o,k),k=location.pathname.split('/')[1],` +
    `o=h(p,k)?p[k]:[],` +
    `s=(()=>{try{return localStorage.getItem('omo-planner.plans')!==null||localStorage.getItem('omo-planner.plan')!==null}catch(e){return false}})(),` +
    `w=s?'plan_reader':'demo',K=(h(P,k+'+'+w)?k:'')+'+'+w,` +
    `l=(u)=>{const l=document.createElement('link');l.rel='preload';l.as='fetch';l.crossOrigin='anonymous';l.href=${base}+u;document.head.append(l)};` +
    `if(h(P,K)&&h(p,w)){globalThis.__omoPack={url:${base}+P[K],files:[...new Set((K[0]==='+'?[]:o).concat(p[w]))].map((i)=>f[i])};l(P[K])}` +
    `else for(const i of new Set(s&&p.plan_reader?o.concat(p.plan_reader):o))l(f[i])}</script>`;
}

function integrity(file) {
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

function contentHash(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}
