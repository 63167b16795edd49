// Trunk post-build hook: writes a strict Content-Security-Policy into the built
// index.html, so the policy travels with the app to any static host.
//
// Scripts: only our own files, the wasm ('wasm-unsafe-eval' lets WebAssembly compile;
// JavaScript eval stays forbidden), and the inline bootstrap Trunk writes, allowed by
// the SHA-256 of its exact text (computed here, after Trunk has written it).
// connect-src stays open to http(s) origins: the merchant chooses the JSON backend.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');

// `trunk serve` with live reload (make dev) injects a script whose text it rewrites on
// every request, so no hash can allow it: that development page goes without a policy.
// `make serve` turns live reload off and so serves exactly what ships.
if (html.includes('{{__TRUNK_ADDRESS__}}')) {
  console.log('CSP skipped: live-reload development build');
  process.exit(0);
}

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);

export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https: http:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/(<meta charset="utf-8"\s*\/?>)/i, `$1\n    ${meta}`);
if (!html.includes(meta)) throw new Error('index.html has no <meta charset="utf-8"> to place the policy after');
await writeFile(file, html);
console.log(`CSP written with ${hashes.length} inline script hash(es)`);
