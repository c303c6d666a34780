// The explicit-imagery check with the real model (nsfwjs MobileNetV2 on the WebAssembly
// backend), loaded once for the file. Explicit images cannot ship with the tests: these check
// that innocent images are left alone, that the model's output reaches the finding, and that an
// image the check cannot read is an error (the pipeline sends it to human review).

import { IMAGERY_CLASSES, loadDefaultPolicy, type Policy } from '@atrium/safety';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type InnocentKind,
  innocentImage,
  seeded,
} from '../../../test/fixtures/innocent-images.js';
import {
  bundledClassifier,
  createExplicitChecker,
  ExplicitCheckError,
  explicitModel,
} from './explicit-check.js';

const input = (bytes: Buffer, atSecond?: number) => ({
  bytes,
  width: 0,
  height: 0,
  ownerId: 'owner',
  ...(atSecond === undefined ? {} : { atSecond }),
});

beforeAll(async () => {
  await explicitModel();
}, 120_000);

describe('explicit imagery: the model', () => {
  it('runs on the WebAssembly backend, loaded once per process', async () => {
    const model = await explicitModel();
    expect(model.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await explicitModel()).toBe(model);
  });

  it('gives the five classes, summing to 1', async () => {
    const bytes = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#4a90d9' },
    })
      .jpeg()
      .toBuffer();
    const scores = await bundledClassifier.classify(bytes);
    expect(Object.keys(scores).sort()).toEqual([...IMAGERY_CLASSES].sort());
    const sum = Object.values(scores).reduce((total, score) => total + score, 0);
    expect(sum).toBeCloseTo(1, 3);
  });

  it('reads greyscale and transparent images', async () => {
    const grey = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
      .greyscale()
      .png()
      .toBuffer();
    const transparent = await sharp({
      create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    for (const bytes of [grey, transparent]) {
      const scores = await bundledClassifier.classify(bytes);
      expect(scores.Neutral + scores.Drawing).toBeGreaterThan(0);
    }
  });
});

describe('explicit imagery: innocent images', () => {
  const checker = createExplicitChecker();
  const kinds: InnocentKind[] = ['gradient', 'landscape', 'drawing', 'text', 'chart'];

  it.each(kinds)('finds nothing in generated %s images', async (kind) => {
    const random = seeded(4242 + kinds.indexOf(kind));
    for (let i = 0; i < 3; i++) {
      const image = await innocentImage(kind, random);
      const findings = await checker.check(input(image.bytes));
      expect(findings, `${kind} #${i}`).toEqual([]);
    }
  });
});

describe('explicit imagery: what moderators see', () => {
  it('carries the model, its class scores and the frame time in the finding', async () => {
    // A rule that fires on anything: the finding must carry what the model said.
    const policy: Policy = {
      ...loadDefaultPolicy(),
      explicitImagery: {
        rules: [
          {
            id: 'everything',
            category: 'sexual.suggestive',
            classes: [...IMAGERY_CLASSES],
            threshold: 0.5,
            actions: { default: 'label', CN: 'review' },
          },
        ],
      },
    };
    const bytes = await sharp({
      create: { width: 200, height: 200, channels: 3, background: 'white' },
    })
      .webp()
      .toBuffer();
    const scores = await bundledClassifier.classify(bytes);
    const [finding, ...rest] = await createExplicitChecker({ policy: () => policy }).check(
      input(bytes, 3),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      checker: 'explicit',
      category: 'sexual.suggestive',
      ruleId: 'everything',
      action: 'label',
      regionActions: { CN: 'review' },
      atSecond: 3,
    });
    const classes = finding!.detail.classes as Record<string, number>;
    for (const name of IMAGERY_CLASSES) expect(classes[name]).toBeCloseTo(scores[name], 3);
    expect(finding!.detail.model).toMatch(/nsfwjs.*MobileNetV2/);
  });
});

describe('explicit imagery: images it cannot read', () => {
  const checker = createExplicitChecker();

  it('throws a clear error for bytes that are no image', async () => {
    const error = await checker.check(input(Buffer.from('not an image at all'))).catch((e) => e);
    expect(error).toBeInstanceOf(ExplicitCheckError);
    expect(error.code).toBe('EXPLICIT_IMAGE_UNDECODABLE');
    expect(error.message).toMatch(/could not decode/);
  });

  it('throws for a truncated JPEG and an empty buffer', async () => {
    const whole = await sharp({
      create: { width: 400, height: 300, channels: 3, background: 'red' },
    })
      .jpeg()
      .toBuffer();
    for (const bytes of [whole.subarray(0, 200), Buffer.alloc(0)]) {
      const error = await checker.check(input(bytes)).catch((e) => e);
      expect(error).toBeInstanceOf(ExplicitCheckError);
      expect(error.code).toBe('EXPLICIT_IMAGE_UNDECODABLE');
    }
  });
});
