// Builds the service worker to dist/app/sw.js: a fixed name (a worker's URL is its identity) and
// one classic script, so every browser that installs PWAs can run it. scripts/postbuild.mjs then
// writes the list of files to precache into it.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  build: {
    outDir: 'dist/app',
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/sw/sw.ts'),
      formats: ['iife'],
      name: 'cdsServiceWorker',
      fileName: () => 'sw.js',
    },
  },
});
