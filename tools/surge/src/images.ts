import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Random } from './rng.js';

// The pictures of a wave: cats (the "cat tax" newcomers paid on RedNote) in many colours and
// poses, and the few images an ad farm posts again and again. Drawn as SVG and rasterized to PNG
// (the server refuses SVG uploads); small, so a wave folder stays light.

const FUR = [
  '#f4a460',
  '#8b5a2b',
  '#333333',
  '#f5f5f5',
  '#c0c0c0',
  '#d2691e',
  '#ffdead',
  '#696969',
];
const BACKDROP = ['#fde2e4', '#e2ece9', '#dfe7fd', '#fff1e6', '#f0efeb', '#cddafd', '#eae4e9'];

function catSvg(random: Random): string {
  const fur = random.pick(FUR);
  const eye = random.pick(['#2e8b57', '#daa520', '#4682b4', '#8b4513']);
  const tilt = Math.round(random.range(-15, 15));
  const cx = Math.round(random.range(130, 190));
  const cy = Math.round(random.range(140, 180));
  const stripes = random.chance(0.5)
    ? `<path d="M${cx - 20} ${cy - 60} l10 20 M${cx} ${cy - 65} l0 22 M${cx + 20} ${cy - 60} l-10 20" stroke="#0004" stroke-width="6"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320">
  <rect width="320" height="320" fill="${random.pick(BACKDROP)}"/>
  <g transform="rotate(${tilt} ${cx} ${cy})">
    <polygon points="${cx - 70},${cy - 30} ${cx - 55},${cy - 100} ${cx - 15},${cy - 60}" fill="${fur}"/>
    <polygon points="${cx + 70},${cy - 30} ${cx + 55},${cy - 100} ${cx + 15},${cy - 60}" fill="${fur}"/>
    <ellipse cx="${cx}" cy="${cy}" rx="80" ry="70" fill="${fur}"/>
    ${stripes}
    <ellipse cx="${cx - 28}" cy="${cy - 10}" rx="12" ry="${Math.round(random.range(6, 14))}" fill="${eye}"/>
    <ellipse cx="${cx + 28}" cy="${cy - 10}" rx="12" ry="${Math.round(random.range(6, 14))}" fill="${eye}"/>
    <polygon points="${cx - 8},${cy + 12} ${cx + 8},${cy + 12} ${cx},${cy + 22}" fill="#e75480"/>
    <path d="M${cx - 20} ${cy + 20} l-50 -8 M${cx - 20} ${cy + 26} l-50 6 M${cx + 20} ${cy + 20} l50 -8 M${cx + 20} ${cy + 26} l50 6" stroke="#222" stroke-width="2"/>
  </g>
</svg>`;
}

function adSvg(index: number): string {
  const colours = ['#ff0050', '#00c853', '#ffab00'];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320">
  <rect width="320" height="320" fill="${colours[index % colours.length]}"/>
  <circle cx="160" cy="130" r="70" fill="#fff"/>
  <text x="160" y="150" font-size="64" text-anchor="middle" fill="#000">$</text>
  <rect x="40" y="230" width="240" height="50" rx="10" fill="#000"/>
</svg>`;
}

export interface WaveImages {
  cats: string[];
  ads: string[];
}

/** Writes `cats` cat pictures and `ads` ad pictures into `folder`; returns their ids. */
export async function writeWaveImages(
  folder: string,
  counts: { cats: number; ads: number },
  random: Random,
): Promise<WaveImages> {
  await mkdir(folder, { recursive: true });
  const images: WaveImages = { cats: [], ads: [] };
  const render = async (id: string, svg: string) => {
    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
    await writeFile(path.join(folder, `${id}.png`), png);
  };
  for (let index = 0; index < counts.cats; index++) {
    const id = `cat-${String(index).padStart(4, '0')}`;
    await render(id, catSvg(random));
    images.cats.push(id);
  }
  for (let index = 0; index < counts.ads; index++) {
    const id = `ad-${String(index).padStart(2, '0')}`;
    await render(id, adSvg(index));
    images.ads.push(id);
  }
  return images;
}
