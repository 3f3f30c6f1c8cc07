// Renders scripts/icon.svg to the PNG icons the manifest names (public/icons/icon-192.png and
// icon-512.png). Run by hand after changing the SVG: `node scripts/make-icons.mjs`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';

const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(resolve(root, 'scripts/icon.svg'));
for (const size of [192, 512]) {
  const out = resolve(root, `public/icons/icon-${size}.png`);
  await sharp(svg, { density: Math.ceil((72 * size) / 512) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(out);
  console.log(`wrote ${out}`);
}
