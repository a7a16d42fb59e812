// After `vite build`: measures the citizen app's first-load JavaScript (gzipped), writes the
// service worker's precache list, and precompresses every text file over 1 KB as .gz and .br
// beside it (the server sends them to clients that accept them). Only node:zlib, no package.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetBytes = 150 * 1024; // the citizen app's first load, gzipped (issue 4)
const compressible = new Set(['.js', '.css', '.html', '.svg', '.json', '.webmanifest']);
const minBytes = 1024;

const gzip = (data) => gzipSync(data, { level: 9 });
const brotli = (data) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });

// 1. Vite's manifest: which files an entry loads before it runs (static imports, not dynamic ones).
const manifestPath = join(dist, '.vite', 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

function firstLoad(entryKey) {
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  return { js: [...js], css: [...css] };
}

// What an entry may load later (dynamic imports, e.g. the map): kept by the service worker too,
// so that those screens also open offline. Not part of the first load.
function lazyLoad(entryKey, firstFiles) {
  const files = new Set();
  const seen = new Set();
  const visit = (key, lazy) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    if (lazy && !firstFiles.has(chunk.file)) {
      files.add(chunk.file);
      for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    }
    for (const imported of chunk.imports ?? []) visit(imported, lazy);
    for (const imported of chunk.dynamicImports ?? []) visit(imported, true);
  };
  visit(entryKey, false);
  return [...files];
}

const app = firstLoad('app/index.html');
const staff = firstLoad('staff/index.html');
const appLazy = lazyLoad('app/index.html', new Set([...app.js, ...app.css]));

const sizeOf = (files) =>
  files.reduce(
    (sum, file) => {
      const data = readFileSync(join(dist, file));
      return { raw: sum.raw + data.length, gzip: sum.gzip + gzip(data).length };
    },
    { raw: 0, gzip: 0 },
  );
const kb = (bytes) => (bytes / 1024).toFixed(1) + ' KB';
const appJs = sizeOf(app.js);
const appCss = sizeOf(app.css);
const staffJs = sizeOf(staff.js);
console.log(
  `citizen app first-load JavaScript: ${kb(appJs.gzip)} gzipped (${kb(appJs.raw)} raw, ${app.js.length} files; budget ${kb(budgetBytes)})`,
);
console.log(`citizen app first-load CSS: ${kb(appCss.gzip)} gzipped (${kb(appCss.raw)} raw)`);
console.log(`staff console first-load JavaScript: ${kb(staffJs.gzip)} gzipped (${kb(staffJs.raw)} raw)`);
const appLazyJs = sizeOf(appLazy.filter((f) => f.endsWith('.js')));
console.log(`citizen app lazy chunks (the map): ${kb(appLazyJs.gzip)} gzipped (${kb(appLazyJs.raw)} raw), loaded when a screen needs them`);
if (appJs.gzip > budgetBytes) {
  console.error(`postbuild: the citizen app's first load is over its budget of ${kb(budgetBytes)} gzipped`);
  process.exit(1);
}

// 2. The service worker's precache: the shell's assets, the manifest and the icons.
const swPath = join(dist, 'app', 'sw.js');
const icons = readdirSync(join(dist, 'app', 'icons')).map((f) => `/app/icons/${f}`);
const files = [...app.js, ...app.css, ...appLazy].map((f) => '/' + f).concat('/app/manifest.webmanifest', icons).sort();
const sw = readFileSync(swPath, 'utf8');
const version = createHash('sha256')
  .update(JSON.stringify(files))
  .update(readFileSync(join(dist, 'app', 'index.html')))
  .update(sw)
  .digest('hex')
  .slice(0, 12);
writeFileSync(swPath, `self.__CDS_PRECACHE__=${JSON.stringify({ version, files })};\n${sw}`);
console.log(`service worker: ${files.length + 1} files to precache, version ${version}`);

// The build's manifest is for this script only; it is not served.
rmSync(join(dist, '.vite'), { recursive: true, force: true });

// 3. Precompressed siblings.
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
let written = 0;
for (const path of walk(dist)) {
  if (!compressible.has(extname(path)) || statSync(path).size <= minBytes) continue;
  const data = readFileSync(path);
  for (const [suffix, compress] of [['.gz', gzip], ['.br', brotli]]) {
    const packed = compress(data);
    if (packed.length < data.length) {
      writeFileSync(path + suffix, packed);
      written++;
    } else if (existsSync(path + suffix)) rmSync(path + suffix);
  }
}
console.log(`precompressed: ${written} .gz/.br files in ${relative(process.cwd(), dist) || dist}`);
