// Reads the loader wasm-split-cli writes (`__wasm_split.js`): which module files each
// lazily loaded page needs, its own module first, then the chunks it shares with others.
// Used by the build hook (to preload a page opened by its address) and the size report.
//
// The loader has, per chunk, `const __chunk_N = makeLoad(<fetch "./file.wasm">, [])`
// and, per page, `export const __wasm_split_load_<page> = wrapAsyncCb(makeLoad(<fetch>,
// [chunks]))` (wasm_split_cli_support 0.2.4; a format change fails loudly here).
export function splitPages(loader) {
  const chunkFile = new Map(
    [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map(
      ([, name, file]) => [name, file],
    ),
  );
  // (.ci/wasm-split.mjs wraps each page's `makeLoad(…)` in `navigating("<page>", …)`.)
  const pages = [...loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\((?:navigating\("\w+", )?makeLoad\(([\s\S]*?)\n?, \[([^\]]*)\]\)\)?\);/g)].map(
    ([, name, fetcher, deps]) => {
      const own = fetcher.match(/"\.\/([^"]+\.wasm)"/);
      const needs = deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFile.get(d));
      if (needs.includes(undefined)) throw new Error(`split loader: unknown chunk in [${deps}]`);
      return { name, files: own ? [own[1], ...needs] : needs };
    },
  );
  if (!pages.length) throw new Error('split loader: no lazily loaded page found');
  return pages;
}
