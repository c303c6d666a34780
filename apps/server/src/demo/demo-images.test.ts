import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DemoAspect } from './demo-content.js';
import { demoImageSizes, demoImageSvg, renderDemoImage } from './demo-images.js';
import { demoThemes } from './demo-texts.js';

describe('demo images', () => {
  it('render every theme as a JPEG that decodes at the declared size', async () => {
    const aspects: DemoAspect[] = ['3:4', '1:1', '4:3'];
    for (const [i, theme] of demoThemes.entries()) {
      const aspect = aspects[i % aspects.length]!;
      const image = await renderDemoImage({ seed: 100 + i, aspect, theme });
      const meta = await sharp(image.data).metadata();
      expect(meta.format).toBe('jpeg');
      expect({ width: meta.width, height: meta.height }).toEqual(demoImageSizes[aspect]);
      expect({ width: image.width, height: image.height }).toEqual(demoImageSizes[aspect]);
      // not a flat colour: the gradient and the motif are there
      const stats = await sharp(image.data).stats();
      expect(stats.channels[0]!.stdev).toBeGreaterThan(5);
    }
  });

  it('are deterministic for a seed and vary between seeds', () => {
    const spec = { seed: 42, aspect: '1:1' as const, theme: 'cats' as const };
    expect(demoImageSvg(spec)).toBe(demoImageSvg(spec));
    expect(demoImageSvg({ ...spec, seed: 43 })).not.toBe(demoImageSvg(spec));
  });
});
