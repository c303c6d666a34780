/**
 * Entity preservation, once for every engine: topics (#大麻, #TikTokRefugee), mentions, links,
 * e-mail addresses, emoji and line breaks come out of a translation exactly as they went in.
 *
 * protect → translate → restore:
 * - Texts are cut into lines; line breaks and the spaces around each line are kept aside, lines
 *   without letters are not sent at all.
 * - An engine that keeps placeholders (`keepsPlaceholders`) gets each entity as a token `⟦n⟧`,
 *   which it carries in its own markup; the tokens are then replaced by the entities.
 * - Another engine gets the line with its entities as they are; the output is accepted when every
 *   entity is still in it verbatim (neural engines mostly copy links, mentions and emoji).
 * - A line that fails its check (a token or an entity lost, duplicated or altered) is translated
 *   again as the pieces of text between its entities, each on its own, with the entities put back
 *   in between: worse translation, but every entity survives.
 */
import { findEntities } from '../text-entities.js';
import type { TranslationEngine, TranslationRequest, TranslationResult } from './engine.js';
import { TranslationEngineError } from './errors.js';

/** The placeholder of the entity with index `index` within its line. */
export function placeholder(index: number): string {
  return `⟦${index}⟧`;
}

/** Matches the placeholders of `placeholder()`; the index is group 1. */
export const PLACEHOLDER_PATTERN = /⟦(\d+)⟧/g;

/** Whether a text holds a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return /⟦\d+⟧/.test(text);
}

const LINE_BREAK = /(\r\n|[\n\r\u2028\u2029\u0085])/;
const LETTER = /\p{L}/u;
// The bracket characters of placeholders are entities themselves wherever they occur in a post,
// so a post cannot forge a placeholder.
const BRACKET = /[⟦⟧]/g;

interface Piece {
  /** Verbatim text (an entity) or text to translate. */
  keep: boolean;
  text: string;
}

interface Line {
  leading: string;
  trailing: string;
  pieces: Piece[];
  /** Whether there is anything to translate (a letter outside entities). */
  translatable: boolean;
}

/** A text cut into lines and line breaks (odd indexes are the breaks). */
type Parts = (Line | string)[];

function parseLine(raw: string): Line {
  const leading = raw.match(/^\s*/)![0];
  const core = raw.slice(leading.length).trimEnd();
  const trailing = raw.slice(leading.length + core.length);
  const spans = [
    ...findEntities(core).map(({ start, end }) => ({ start, end })),
    ...[...core.matchAll(BRACKET)].map((match) => ({ start: match.index, end: match.index + 1 })),
  ].sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let cursor = 0;
  for (const { start, end } of spans) {
    if (start < cursor) continue;
    if (start > cursor) pieces.push({ keep: false, text: core.slice(cursor, start) });
    pieces.push({ keep: true, text: core.slice(start, end) });
    cursor = end;
  }
  if (cursor < core.length) pieces.push({ keep: false, text: core.slice(cursor) });
  const translatable = pieces.some((piece) => !piece.keep && LETTER.test(piece.text));
  return { leading, trailing, pieces, translatable };
}

function parseText(text: string): Parts {
  return text.split(LINE_BREAK).map((part, index) => (index % 2 === 1 ? part : parseLine(part)));
}

function withPlaceholders(line: Line): string {
  let index = 0;
  return line.pieces.map((piece) => (piece.keep ? placeholder(index++) : piece.text)).join('');
}

function entitiesOf(line: Line): string[] {
  return line.pieces.filter((piece) => piece.keep).map((piece) => piece.text);
}

/** Replaces the placeholders of a translated line; undefined unless each came back exactly once. */
function restorePlaceholders(translated: string, entities: readonly string[]): string | undefined {
  const seen = new Array<number>(entities.length).fill(0);
  let valid = true;
  const restored = translated.replace(PLACEHOLDER_PATTERN, (_token, digits: string) => {
    const index = Number(digits);
    if (index >= entities.length) {
      valid = false;
      return '';
    }
    seen[index]!++;
    return entities[index]!;
  });
  return valid && seen.every((count) => count === 1) ? restored : undefined;
}

/** The translated line if every entity is still in it verbatim, as often as in the original. */
function checkVerbatim(translated: string, entities: readonly string[]): string | undefined {
  const wanted = new Map<string, number>();
  for (const entity of entities) wanted.set(entity, (wanted.get(entity) ?? 0) + 1);
  for (const [entity, count] of wanted) {
    if (translated.split(entity).length - 1 < count) return undefined;
  }
  return translated;
}

/** The texts an engine is asked to translate for a line in piecewise mode. */
function piecesToTranslate(line: Line): string[] {
  return line.pieces
    .filter((piece) => !piece.keep && LETTER.test(piece.text))
    .map((p) => p.text.trim());
}

function joinPieces(line: Line, translations: readonly string[]): string {
  let next = 0;
  return line.pieces
    .map((piece) => {
      if (piece.keep || !LETTER.test(piece.text)) return piece.text;
      // The spaces around a piece separate it from the entities next to it: keep them.
      const leading = piece.text.match(/^\s*/)![0];
      const trailing = piece.text.slice(piece.text.trimEnd().length);
      return `${leading}${translations[next++]!.trim()}${trailing}`;
    })
    .join('');
}

function expectCount(engine: string, result: TranslationResult, count: number): string[] {
  if (result.texts.length !== count) {
    throw new TranslationEngineError(
      engine,
      'bad_response',
      `answered ${result.texts.length} texts for ${count}`,
    );
  }
  return result.texts;
}

/**
 * Translates through `engine` so that entities and line breaks survive (see the module comment).
 * Makes one engine call, and a second one only for lines whose entities did not survive the first.
 */
export async function translatePreservingEntities(
  engine: TranslationEngine,
  request: TranslationRequest,
): Promise<TranslationResult> {
  const texts = request.texts.map(parseText);
  const lines = texts.flatMap((parts) =>
    parts.filter((part): part is Line => typeof part !== 'string' && part.translatable),
  );
  const translatedLines = new Map<Line, string>();
  if (lines.length > 0) {
    const first = await engine.translate({
      ...request,
      texts: lines.map((line) =>
        engine.keepsPlaceholders
          ? withPlaceholders(line)
          : line.pieces.map((piece) => piece.text).join(''),
      ),
    });
    const outputs = expectCount(engine.name, first, lines.length);
    const failed: Line[] = [];
    lines.forEach((line, index) => {
      const entities = entitiesOf(line);
      const output = outputs[index]!.trim();
      const checked = engine.keepsPlaceholders
        ? restorePlaceholders(output, entities)
        : checkVerbatim(output, entities);
      if (checked === undefined) failed.push(line);
      else translatedLines.set(line, checked);
    });
    if (failed.length > 0) {
      const pieces = failed.map(piecesToTranslate);
      const second = await engine.translate({ ...request, texts: pieces.flat() });
      const pieceOutputs = expectCount(engine.name, second, pieces.flat().length);
      let offset = 0;
      failed.forEach((line, index) => {
        const count = pieces[index]!.length;
        translatedLines.set(line, joinPieces(line, pieceOutputs.slice(offset, offset + count)));
        offset += count;
      });
    }
  }
  return {
    engine: engine.name,
    texts: texts.map((parts) =>
      parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const translated = translatedLines.get(part);
          const body = translated ?? part.pieces.map((piece) => piece.text).join('');
          return `${part.leading}${body}${part.trailing}`;
        })
        .join(''),
    ),
  };
}

/** Wraps an engine so that every translation through it preserves entities and line breaks. */
export function preservingEntities(engine: TranslationEngine): TranslationEngine {
  return {
    name: engine.name,
    keepsPlaceholders: engine.keepsPlaceholders,
    supports: (from, to, signal) => engine.supports(from, to, signal),
    pairs: (signal) => engine.pairs(signal),
    translate: (request) => translatePreservingEntities(engine, request),
    close: async () => engine.close?.(),
  };
}
