// A development stand-in for the C++ server's web serving, used only when the server binary does
// not serve web/dist itself yet (GET /app/ answers 404 web_app_not_built or route_not_found): it
// serves dist/ in the same layout (shell for /app/... and /staff/..., hashed /assets/, files under
// app/ as they are) and passes every other request to the real server, Host header unchanged so
// that the server's Origin check and cookies behave as they would without it.
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};
// The same policy as src/web/static_site.hpp, so that a page that breaks it fails here too.
const csp =
  "default-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; " +
  "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'";

function fileIn(dist, path) {
  const full = normalize(join(dist, path));
  if (!full.startsWith(dist)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

export function startStaticProxy({ dist, upstreamPort, port }) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const section = ['app', 'staff'].find((s) => path === `/${s}` || path.startsWith(`/${s}/`));
    let file = null;
    let cache = 'no-cache';
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path.startsWith('/assets/')) {
        file = fileIn(dist, path.slice(1));
        cache = 'public, max-age=31536000, immutable';
      } else if (section) {
        file = fileIn(dist, path.slice(1)) ?? (extname(path) ? null : fileIn(dist, `${section}/index.html`));
      } else if (path === '/') {
        res.writeHead(302, { Location: '/app/' }).end();
        return;
      }
    }
    if (file || section || path.startsWith('/assets/')) {
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache };
      if (file.endsWith('.html')) headers['Content-Security-Policy'] = csp;
      if (file.endsWith('/sw.js')) headers['Service-Worker-Allowed'] = '/app/';
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
