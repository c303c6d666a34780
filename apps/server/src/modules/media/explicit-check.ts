import { createRequire } from 'node:module';
import path from 'node:path';
import {
  type Action,
  actionRank,
  type ExplicitImageryRule,
  IMAGERY_CLASSES,
  type ImageryClass,
  loadDefaultPolicy,
  type Policy,
} from '@atrium/safety';
import sharp from 'sharp';
import type { MediaChecker, MediaCheckInput, MediaFinding } from './media-check.js';

// The explicit-imagery check (docs/media.md, "Explicit imagery"): nsfwjs's MobileNetV2 model,
// shipped inside the npm package, on TensorFlow.js with the WebAssembly backend. Its five class
// scores go through the policy's `explicitImagery` rules, which say what each class means
// (`sexual.explicit`, `sexual.suggestive`) and what happens to it, per region.

/** The model's five class scores, each in [0, 1], summing to 1. */
export type ImageryScores = Record<ImageryClass, number>;

/** The model's name in findings: what moderators and audits read. */
export const EXPLICIT_MODEL = 'nsfwjs 4.3.0 MobileNetV2 (224 px)';

/** The model's input: a 224 × 224 RGB image. */
export const EXPLICIT_INPUT_SIZE = 224;

/** Why the check could not look at an image. The pipeline sends the media to human review. */
export class ExplicitCheckError extends Error {
  constructor(
    readonly code: 'EXPLICIT_IMAGE_UNDECODABLE' | 'EXPLICIT_MODEL_UNAVAILABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExplicitCheckError';
  }
}

/** Something that scores an image: the bundled model, by default. */
export interface ImageryClassifier {
  /** Scores one encoded image; throws `ExplicitCheckError` when it cannot. */
  classify(bytes: Buffer): Promise<ImageryScores>;
}

// ---------------------------------------------------------------------------------------------
// From scores to findings (pure)

/** The strictest of two actions. */
function stricter(a: Action, b: Action): Action {
  return actionRank(a) >= actionRank(b) ? a : b;
}

/**
 * A rule's action in every country it names, directly or through a region group (the strictest
 * group wins; a country named directly wins over its groups, as in the text policy), keeping
 * only the countries where it differs from the rule's default.
 */
export function countryActions(
  actions: ExplicitImageryRule['actions'],
  regionGroups: Policy['regionGroups'],
): Record<string, Action> {
  const direct: Record<string, Action> = {};
  const grouped: Record<string, Action> = {};
  for (const [key, action] of Object.entries(actions)) {
    if (key === 'default') continue;
    if (/^[A-Z]{2}$/.test(key)) direct[key] = action;
    for (const member of regionGroups[key] ?? []) {
      const before = grouped[member];
      grouped[member] = before ? stricter(before, action) : action;
    }
  }
  const result: Record<string, Action> = {};
  for (const country of new Set([...Object.keys(grouped), ...Object.keys(direct)]).values()) {
    const action = direct[country] ?? grouped[country]!;
    if (action !== actions.default) result[country] = action;
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

/** Scores rounded for storage (four decimals are more than the model can tell apart). */
function rounded(scores: ImageryScores): ImageryScores {
  return Object.fromEntries(
    IMAGERY_CLASSES.map((name) => [name, Math.round(scores[name] * 10_000) / 10_000]),
  ) as ImageryScores;
}

/** The policy's explicit-imagery rules, or the shipped ones when it has none. */
export function explicitRules(policy: Policy): ExplicitImageryRule[] {
  return policy.explicitImagery?.rules ?? loadDefaultPolicy().explicitImagery?.rules ?? [];
}

/**
 * The findings for one image's scores under a policy: one per rule whose classes' summed score
 * reaches its threshold, with the rule's default action, its per-country actions, and in
 * `detail` every class score, for moderators.
 */
export function explicitFindings(
  scores: ImageryScores,
  policy: Policy,
  atSecond?: number,
): MediaFinding[] {
  const findings: MediaFinding[] = [];
  for (const rule of explicitRules(policy)) {
    const score = Math.min(
      1,
      rule.classes.reduce((sum, name) => sum + scores[name], 0),
    );
    if (score < rule.threshold) continue;
    const regionActions = countryActions(rule.actions, policy.regionGroups);
    findings.push({
      checker: 'explicit',
      category: rule.category,
      ruleId: rule.id,
      action: rule.actions.default,
      ...(Object.keys(regionActions).length > 0 ? { regionActions } : {}),
      score: Math.round(score * 10_000) / 10_000,
      ...(atSecond === undefined ? {} : { atSecond }),
      detail: {
        model: EXPLICIT_MODEL,
        policyVersion: policy.version,
        classes: rounded(scores),
        summed: rule.classes,
        threshold: rule.threshold,
        ...(rule.label ? { label: rule.label } : {}),
      },
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// The model

interface LoadedModel {
  backend: string;
  loadMs: number;
  classify(bytes: Buffer): Promise<ImageryScores>;
}

let loading: Promise<LoadedModel> | null = null;

const require = createRequire(import.meta.url);

/** Decodes any image sharp reads into the model's input: 224 × 224 RGB, alpha over white. */
async function decode(bytes: Buffer): Promise<Uint8Array> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(EXPLICIT_INPUT_SIZE, EXPLICIT_INPUT_SIZE, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, not 3`);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw new ExplicitCheckError(
      'EXPLICIT_IMAGE_UNDECODABLE',
      `the explicit-imagery check could not decode the image: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The WebAssembly runtime's loader adds process-wide `uncaughtException` and
 * `unhandledRejection` listeners that rethrow; the worker's own handling stays in charge.
 */
async function withoutAddedProcessListeners<T>(work: () => Promise<T>): Promise<T> {
  const exceptions = new Set(process.listeners('uncaughtException'));
  const rejections = new Set(process.listeners('unhandledRejection'));
  try {
    return await work();
  } finally {
    for (const listener of process.listeners('uncaughtException'))
      if (!exceptions.has(listener)) process.removeListener('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!rejections.has(listener)) process.removeListener('unhandledRejection', listener);
  }
}

async function load(): Promise<LoadedModel> {
  const started = performance.now();
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm binaries are read from the package's own directory, never fetched.
  const wasmDir = path.join(
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist',
  );
  wasm.setWasmPaths(`${wasmDir}${path.sep}`);
  const backendStarted = await withoutAddedProcessListeners(() => tf.setBackend('wasm'));
  if (!backendStarted) throw new Error('the WebAssembly backend did not start');
  await tf.ready();
  const { load: loadNsfw } = await import('nsfwjs/core');
  const { MobileNetV2Model } = await import('nsfwjs/models/mobilenet_v2');
  // nsfwjs announces the model it loads on console.info; a worker's log has no use for it.
  const info = console.info;
  console.info = () => {};
  let model: Awaited<ReturnType<typeof loadNsfw>>;
  try {
    model = await loadNsfw('MobileNetV2', { modelDefinitions: [MobileNetV2Model] });
  } finally {
    console.info = info;
  }
  const backend = tf.getBackend();
  return {
    backend,
    loadMs: performance.now() - started,
    async classify(bytes) {
      const pixels = await decode(bytes);
      const input = tf.tensor3d(pixels, [EXPLICIT_INPUT_SIZE, EXPLICIT_INPUT_SIZE, 3], 'int32');
      try {
        const predictions = await model.classify(input, IMAGERY_CLASSES.length);
        const scores = Object.fromEntries(IMAGERY_CLASSES.map((name) => [name, 0]));
        for (const { className, probability } of predictions) scores[className] = probability;
        return scores as ImageryScores;
      } finally {
        input.dispose();
      }
    },
  };
}

/**
 * The bundled model, loaded on first use and once per process (a failed load is retried on the
 * next use). Never called at the API process's start: checkers run on worker nodes.
 */
export async function explicitModel(): Promise<LoadedModel> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw new ExplicitCheckError(
      'EXPLICIT_MODEL_UNAVAILABLE',
      `the explicit-imagery model did not load: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return loading;
}

/** The bundled model as a classifier. */
export const bundledClassifier: ImageryClassifier = {
  async classify(bytes) {
    return (await explicitModel()).classify(bytes);
  },
};

// ---------------------------------------------------------------------------------------------
// The checker

export interface ExplicitCheckerOptions {
  /** The policy in force (e.g. the policy service's current one); the shipped one by default. */
  policy?: () => Policy | Promise<Policy>;
  /** Defaults to the bundled model. */
  classifier?: ImageryClassifier;
}

/** The explicit-imagery checker. */
export function createExplicitChecker(options: ExplicitCheckerOptions = {}): MediaChecker {
  const classifier = options.classifier ?? bundledClassifier;
  let shipped: Policy | undefined;
  const policyOf = options.policy ?? (() => (shipped ??= loadDefaultPolicy()));
  return {
    name: 'explicit',
    async check(input: MediaCheckInput) {
      const scores = await classifier.classify(input.bytes);
      return explicitFindings(scores, await policyOf(), input.atSecond);
    },
  };
}
