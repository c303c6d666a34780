import sharp from 'sharp';
import { createRandom, type DemoAspect, type DemoImageSpec, type Random } from './demo-content.js';
import type { DemoTheme } from './demo-texts.js';

/**
 * Card images for the demo notes: a soft gradient, scattered shapes and a simple motif for the
 * theme (a cat, a bowl, mountains, a skyline…), drawn as SVG and encoded as JPEG with sharp.
 * Shapes only, no text: nothing depends on the fonts a machine happens to have.
 */

export const demoImageSizes: Record<DemoAspect, { width: number; height: number }> = {
  '3:4': { width: 720, height: 960 },
  '1:1': { width: 840, height: 840 },
  '4:3': { width: 960, height: 720 },
};

export interface DemoImage {
  data: Buffer;
  width: number;
  height: number;
  mime: 'image/jpeg';
}

/** Gradient pairs (top-left → bottom-right) and an ink colour per theme. */
const PALETTES: Record<DemoTheme, Array<[string, string, string]>> = {
  food: [
    ['#ffe0b2', '#ff8a65', '#6d2c14'],
    ['#fff3e0', '#ffb74d', '#5d4037'],
    ['#fce4ec', '#f48fb1', '#6a1b3a'],
  ],
  travel: [
    ['#e0f7fa', '#4dd0e1', '#0d3c4b'],
    ['#e3f2fd', '#90caf9', '#1a3a5c'],
    ['#fff8e1', '#ffcc80', '#4e342e'],
  ],
  cats: [
    ['#fff3e0', '#ffcc80', '#3e2723'],
    ['#f3e5f5', '#ce93d8', '#311b3a'],
    ['#e8f5e9', '#a5d6a7', '#1b3320'],
  ],
  tiktokrefugee: [
    ['#fce4ec', '#ff5c8a', '#2b0f1a'],
    ['#e1f5fe', '#81d4fa', '#0b2a3d'],
    ['#fff9c4', '#ff8a80', '#3d1010'],
  ],
  study: [
    ['#ede7f6', '#b39ddb', '#241a3d'],
    ['#e8eaf6', '#9fa8da', '#1a1f3d'],
    ['#f1f8e9', '#c5e1a5', '#263317'],
  ],
  makeup: [
    ['#fce4ec', '#f8bbd0', '#880e4f'],
    ['#fbe9e7', '#ffab91', '#6d2b1a'],
    ['#f3e5f5', '#e1bee7', '#4a148c'],
  ],
  pets: [
    ['#e8f5e9', '#81c784', '#1b3d1e'],
    ['#fffde7', '#fff176', '#4d3d00'],
    ['#e0f2f1', '#80cbc4', '#10332f'],
  ],
  city: [
    ['#e8eaf6', '#7986cb', '#121833'],
    ['#fff3e0', '#ff8a65', '#2a1a14'],
    ['#eceff1', '#90a4ae', '#1c262b'],
  ],
};

const n = (value: number) => value.toFixed(1);

function scatter(random: Random, width: number, height: number, ink: string): string {
  const shapes: string[] = [];
  for (let i = 0; i < random.int(6, 12); i++) {
    const x = random.next() * width;
    const y = random.next() * height;
    const r = 8 + random.next() * Math.min(width, height) * 0.12;
    const opacity = n(0.06 + random.next() * 0.14);
    shapes.push(
      random.chance(0.7)
        ? `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="#ffffff" fill-opacity="${opacity}"/>`
        : `<rect x="${n(x)}" y="${n(y)}" width="${n(r * 1.6)}" height="${n(r * 1.6)}" rx="${n(r * 0.4)}" fill="${ink}" fill-opacity="${n(0.04 + random.next() * 0.06)}" transform="rotate(${n(random.next() * 90)} ${n(x)} ${n(y)})"/>`,
    );
  }
  return shapes.join('');
}

/** A theme motif centred at (cx, cy) with size s. */
function motif(
  theme: DemoTheme,
  random: Random,
  cx: number,
  cy: number,
  s: number,
  ink: string,
  accent: string,
): string {
  switch (theme) {
    case 'cats':
    case 'tiktokrefugee': {
      // A sitting cat: body, head, ears, eyes and a curled tail.
      const head = s * 0.28;
      return `<g fill="${ink}">
<ellipse cx="${n(cx)}" cy="${n(cy + s * 0.3)}" rx="${n(s * 0.36)}" ry="${n(s * 0.42)}"/>
<circle cx="${n(cx)}" cy="${n(cy - s * 0.2)}" r="${n(head)}"/>
<polygon points="${n(cx - head * 0.95)},${n(cy - s * 0.28)} ${n(cx - head * 0.7)},${n(cy - s * 0.62)} ${n(cx - head * 0.2)},${n(cy - s * 0.42)}"/>
<polygon points="${n(cx + head * 0.95)},${n(cy - s * 0.28)} ${n(cx + head * 0.7)},${n(cy - s * 0.62)} ${n(cx + head * 0.2)},${n(cy - s * 0.42)}"/>
<path d="M ${n(cx + s * 0.3)} ${n(cy + s * 0.62)} q ${n(s * 0.45)} ${n(-s * 0.05)} ${n(s * 0.3)} ${n(-s * 0.45)}" stroke="${ink}" stroke-width="${n(s * 0.07)}" fill="none" stroke-linecap="round"/>
</g>
<circle cx="${n(cx - head * 0.4)}" cy="${n(cy - s * 0.22)}" r="${n(head * 0.12)}" fill="${accent}"/>
<circle cx="${n(cx + head * 0.4)}" cy="${n(cy - s * 0.22)}" r="${n(head * 0.12)}" fill="${accent}"/>`;
    }
    case 'food': {
      // A bowl with steam.
      const w = s * 0.9;
      const steam = [-1, 0, 1]
        .map(
          (k) =>
            `<path d="M ${n(cx + k * w * 0.2)} ${n(cy - s * 0.1)} q ${n(s * 0.08)} ${n(-s * 0.12)} 0 ${n(-s * 0.24)} q ${n(-s * 0.08)} ${n(-s * 0.12)} 0 ${n(-s * 0.24)}" stroke="${ink}" stroke-opacity="0.45" stroke-width="${n(s * 0.03)}" fill="none" stroke-linecap="round"/>`,
        )
        .join('');
      return `${steam}<path d="M ${n(cx - w / 2)} ${n(cy)} h ${n(w)} a ${n(w / 2)} ${n(w * 0.45)} 0 0 1 ${n(-w)} 0 z" fill="${ink}"/>
<rect x="${n(cx - w * 0.56)}" y="${n(cy - s * 0.04)}" width="${n(w * 1.12)}" height="${n(s * 0.06)}" rx="${n(s * 0.03)}" fill="${accent}"/>
<rect x="${n(cx - w * 0.15)}" y="${n(cy + w * 0.43)}" width="${n(w * 0.3)}" height="${n(s * 0.05)}" rx="${n(s * 0.02)}" fill="${ink}"/>`;
    }
    case 'travel': {
      // Mountains under a sun.
      const sun = `<circle cx="${n(cx + s * 0.25)}" cy="${n(cy - s * 0.3)}" r="${n(s * 0.16)}" fill="#ffffff" fill-opacity="0.9"/>`;
      const peaks = `<polygon points="${n(cx - s * 0.75)},${n(cy + s * 0.45)} ${n(cx - s * 0.2)},${n(cy - s * 0.2)} ${n(cx + s * 0.3)},${n(cy + s * 0.45)}" fill="${ink}" fill-opacity="0.85"/>
<polygon points="${n(cx - s * 0.1)},${n(cy + s * 0.45)} ${n(cx + s * 0.35)},${n(cy - s * 0.05)} ${n(cx + s * 0.8)},${n(cy + s * 0.45)}" fill="${ink}" fill-opacity="0.6"/>`;
      return sun + peaks;
    }
    case 'city': {
      // A skyline of towers with lit windows.
      const parts: string[] = [];
      let x = cx - s * 0.8;
      while (x < cx + s * 0.75) {
        const w = s * (0.12 + random.next() * 0.14);
        const h = s * (0.35 + random.next() * 0.75);
        parts.push(
          `<rect x="${n(x)}" y="${n(cy + s * 0.5 - h)}" width="${n(w)}" height="${n(h)}" fill="${ink}" fill-opacity="${n(0.7 + random.next() * 0.3)}"/>`,
        );
        for (let wy = cy + s * 0.5 - h + s * 0.05; wy < cy + s * 0.42; wy += s * 0.09) {
          if (random.chance(0.45)) {
            parts.push(
              `<rect x="${n(x + w * 0.3)}" y="${n(wy)}" width="${n(w * 0.4)}" height="${n(s * 0.04)}" fill="${accent}" fill-opacity="0.8"/>`,
            );
          }
        }
        x += w + s * 0.02;
      }
      return parts.join('');
    }
    case 'study': {
      // An open book and a pencil.
      return `<path d="M ${n(cx)} ${n(cy - s * 0.3)} q ${n(-s * 0.3)} ${n(-s * 0.12)} ${n(-s * 0.6)} 0 v ${n(s * 0.6)} q ${n(s * 0.3)} ${n(-s * 0.12)} ${n(s * 0.6)} 0 z" fill="${ink}"/>
<path d="M ${n(cx)} ${n(cy - s * 0.3)} q ${n(s * 0.3)} ${n(-s * 0.12)} ${n(s * 0.6)} 0 v ${n(s * 0.6)} q ${n(-s * 0.3)} ${n(-s * 0.12)} ${n(-s * 0.6)} 0 z" fill="${ink}" fill-opacity="0.8"/>
<rect x="${n(cx + s * 0.15)}" y="${n(cy + s * 0.38)}" width="${n(s * 0.55)}" height="${n(s * 0.07)}" rx="${n(s * 0.02)}" fill="${accent}" transform="rotate(-20 ${n(cx + s * 0.4)} ${n(cy + s * 0.4)})"/>`;
    }
    case 'makeup': {
      // A lipstick and a round compact.
      return `<rect x="${n(cx - s * 0.45)}" y="${n(cy - s * 0.05)}" width="${n(s * 0.22)}" height="${n(s * 0.5)}" rx="${n(s * 0.03)}" fill="${ink}"/>
<path d="M ${n(cx - s * 0.42)} ${n(cy - s * 0.05)} v ${n(-s * 0.25)} l ${n(s * 0.16)} ${n(-s * 0.12)} v ${n(s * 0.37)} z" fill="${accent}"/>
<circle cx="${n(cx + s * 0.2)}" cy="${n(cy + s * 0.15)}" r="${n(s * 0.3)}" fill="${ink}"/>
<circle cx="${n(cx + s * 0.2)}" cy="${n(cy + s * 0.15)}" r="${n(s * 0.22)}" fill="${accent}" fill-opacity="0.85"/>`;
    }
    case 'pets': {
      // A paw print.
      const toes = [
        [-0.3, -0.2],
        [-0.1, -0.38],
        [0.1, -0.38],
        [0.3, -0.2],
      ]
        .map(
          ([dx, dy]) =>
            `<ellipse cx="${n(cx + (dx ?? 0) * s)}" cy="${n(cy + (dy ?? 0) * s)}" rx="${n(s * 0.09)}" ry="${n(s * 0.12)}"/>`,
        )
        .join('');
      return `<g fill="${ink}">${toes}<ellipse cx="${n(cx)}" cy="${n(cy + s * 0.12)}" rx="${n(s * 0.28)}" ry="${n(s * 0.23)}"/></g>`;
    }
  }
}

/** The SVG of a demo image; exported for tests and previews. */
export function demoImageSvg(spec: DemoImageSpec): string {
  const { width, height } = demoImageSizes[spec.aspect];
  const random = createRandom(spec.seed);
  const [from, to, ink] = random.pick(PALETTES[spec.theme]);
  const angle = random.int(0, 359);
  const size = Math.min(width, height) * (0.45 + random.next() * 0.15);
  const cx = width / 2 + (random.next() - 0.5) * width * 0.15;
  const cy = height / 2 + (random.next() - 0.5) * height * 0.1;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} 0.5 0.5)">
<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
${scatter(random, width, height, ink)}
<ellipse cx="${n(cx)}" cy="${n(cy + size * 0.62)}" rx="${n(size * 0.7)}" ry="${n(size * 0.08)}" fill="${ink}" fill-opacity="0.12"/>
${motif(spec.theme, random, cx, cy, size, ink, from)}
</svg>`;
}

/** Renders one demo image as a JPEG of the spec's aspect ratio. */
export async function renderDemoImage(spec: DemoImageSpec): Promise<DemoImage> {
  const { width, height } = demoImageSizes[spec.aspect];
  const data = await sharp(Buffer.from(demoImageSvg(spec)))
    .resize(width, height)
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  return { data, width, height, mime: 'image/jpeg' };
}
