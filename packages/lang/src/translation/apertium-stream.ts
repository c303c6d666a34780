/**
 * Apertium's stream format, written and read directly instead of through its `txt` deformatter:
 * that deformatter escapes brackets, so nothing could be passed through untranslated. In the
 * stream format, text between unescaped `[` and `]` is a superblank, which every stage of the
 * pipeline copies verbatim (it may move within its sentence, never into another unit).
 */
import { PLACEHOLDER_PATTERN } from './entities.js';

// Characters with a meaning in the stream format, escaped with a backslash like apertium-destxt
// does. '~' starts a post-generation rule and is lost even when escaped, so it goes into a
// superblank instead (also like apertium-destxt).
const SPECIAL = /[\\[\]^$/<>@{}*#]/g;
const SUPERBLANK_SPECIAL = /[\\[\]]/g;

function escapeText(text: string): string {
  return text.replace(SPECIAL, '\\$&').replace(/~/g, '[~]');
}

/** A superblank holding `content` verbatim. */
export function superblank(content: string): string {
  return `[${content.replace(SUPERBLANK_SPECIAL, '\\$&')}]`;
}

/**
 * One unit of input: the text escaped, each placeholder `⟦n⟧` in a superblank. NUL ends a unit in
 * null-flush mode and U+FFFF is an internal marker of lttoolbox, so neither may appear.
 */
export function encodeUnit(text: string): string {
  const clean = text.replace(/[\0\uffff]/g, ' ');
  let encoded = '';
  let cursor = 0;
  for (const match of clean.matchAll(PLACEHOLDER_PATTERN)) {
    encoded += escapeText(clean.slice(cursor, match.index)) + superblank(match[0]);
    cursor = match.index + match[0].length;
  }
  return encoded + escapeText(clean.slice(cursor));
}

export interface DecodedUnit {
  text: string;
  /** Contents of the superblanks, in output order. */
  superblanks: string[];
}

/**
 * Reads one unit of output: escapes resolved, superblanks replaced by their content. Runs of
 * spaces the transfer leaves where it dropped a word ("Tengo  tres") are collapsed.
 */
export function decodeUnit(
  stream: string,
  dropSuperblank: (content: string) => boolean,
): DecodedUnit {
  let text = '';
  const superblanks: string[] = [];
  for (let index = 0; index < stream.length; index++) {
    const char = stream[index]!;
    if (char === '\\' && index + 1 < stream.length) {
      text += stream[++index];
    } else if (char === '[') {
      let content = '';
      for (index++; index < stream.length && stream[index] !== ']'; index++) {
        if (stream[index] === '\\' && index + 1 < stream.length) index++;
        content += stream[index];
      }
      superblanks.push(content);
      if (!dropSuperblank(content)) text += content;
    } else if (char !== '\uffff') {
      text += char;
    }
  }
  return { text: text.replace(/ {2,}/g, ' ').trim(), superblanks };
}
