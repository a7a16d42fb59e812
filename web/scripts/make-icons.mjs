// Draws the app's icons (a yellow star on the city's red, like the flag) as PNG files, with no
// image library: each pixel is sampled 4×4 times against the shapes and the result is written as
// an RGBA PNG with node:zlib. Run once after changing the design; the PNGs are kept in the repo.
//   node scripts/make-icons.mjs   → public/app/icons/*.png
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'app', 'icons');
const red = [0xb3, 0x00, 0x1b];
const yellow = [0xff, 0xcd, 0x00];

function star(cx, cy, outer, inner) {
  const points = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return points;
}

function inside(polygon, x, y) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function inRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// maskable: full-bleed background, star inside the 80% safe zone.
function draw(size, { maskable = false, rounded = true } = {}) {
  const radius = maskable || !rounded ? 0 : size * 0.2;
  const starShape = star(size / 2, size * 0.53, size * (maskable ? 0.3 : 0.36), size * (maskable ? 0.12 : 0.145));
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          if (radius === 0 || inRoundedSquare(px, py, size, radius)) {
            if (inside(starShape, px, py)) fg++;
            else bg++;
          }
        }
      }
      const total = n * n;
      const alpha = (bg + fg) / total;
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[o + c] = alpha === 0 ? 0 : Math.round((red[c] * bg + yellow[c] * fg) / (bg + fg));
      }
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, size, pixels);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(out, 'icon-192.png'), draw(192));
writeFileSync(join(out, 'icon-512.png'), draw(512));
writeFileSync(join(out, 'icon-maskable-512.png'), draw(512, { maskable: true }));
writeFileSync(join(out, 'apple-touch-icon.png'), draw(180, { rounded: false }));
console.log('icons written to', out);
