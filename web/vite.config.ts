// Builds the two entries of the front end into dist/, the layout the C++ server serves:
//   dist/app/index.html    the citizen app's shell (for /app/ and every /app/... deep link)
//   dist/staff/index.html  the staff console's shell (/staff/...)
//   dist/assets/*          hashed JavaScript, CSS and images (immutable caching)
//   dist/app/*             public/app/ copied as is (manifest, icons); sw.js comes from vite.sw.config.ts
// `npm run dev` serves the same pages and proxies the API to a server on CDS_DEV_API (default :8080).
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

const api = process.env.CDS_DEV_API ?? 'http://127.0.0.1:8080';

// In `npm run dev`, /app/... and /staff/... deep links get their shell, as the C++ server does.
function shellFallback(): Plugin {
  return {
    name: 'cds-shell-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        for (const entry of ['app', 'staff']) {
          if ((path === `/${entry}` || path.startsWith(`/${entry}/`)) && !/\.[a-z0-9]+$/i.test(path)) {
            req.url = `/${entry}/index.html`;
          }
        }
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  root: import.meta.dirname,
  publicDir: 'public',
  plugins: [preact({ prerender: { enabled: false } }), shellFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    manifest: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      input: {
        app: resolve(import.meta.dirname, 'app/index.html'),
        staff: resolve(import.meta.dirname, 'staff/index.html'),
      },
      output: {
        // What both entries use (Preact, the API client, i18n, shared styles) in one chunk. Not the
        // map (src/shared/map/, with Leaflet), the notification screens (src/shared/notify/) nor
        // hot alerts (src/shared/alerts/), nor the news article's styles (src/shared/news/): the
        // entries load them with their own screens.
        manualChunks: (id: string) =>
          id.includes('/node_modules/preact/') ||
          (id.includes('/src/shared/') &&
            !id.includes('/src/shared/map/') &&
            !id.includes('/src/shared/notify/') &&
            !id.includes('/src/shared/alerts/') &&
            !id.includes('/src/shared/news/'))
            ? 'shared'
            : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/.well-known': { target: api, changeOrigin: false },
    },
  },
});
