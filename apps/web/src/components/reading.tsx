import type { ReadingDictionary, ReadingToken } from '@atrium/sdk';
import { Fragment } from 'react';
import { useT } from '../i18n/provider.js';

/**
 * Each dictionary's credit: CC-CEDICT's licence (CC BY-SA 4.0) asks for it wherever it is shown;
 * IPADIC's (NAIST/ICOT) asks for its notice to travel with it. `glosses`: whether it gives
 * meanings (IPADIC, through kuromoji, gives words and readings only).
 */
const DICTIONARIES: Record<
  ReadingDictionary,
  { name: string; licence: string; url: string; glosses: boolean }
> = {
  'cc-cedict': {
    name: 'CC-CEDICT',
    licence: 'CC BY-SA 4.0',
    url: 'https://cc-cedict.org/wiki/',
    glosses: true,
  },
  ipadic: {
    name: 'IPADIC via kuromoji',
    licence: 'NAIST/ICOT licence',
    url: 'https://github.com/takuyaa/kuromoji.js',
    glosses: false,
  },
};

/**
 * A word-by-word reading: each word with its reading above and its dictionary gloss below, in
 * the order written; line breaks kept. `lang` is the text's language (for fonts and speech).
 * Japanese words have their kana reading above (words with kanji) and their romaji below.
 */
export function ReadingText({
  tokens,
  lang,
  className = 'reading-text',
}: {
  tokens: readonly ReadingToken[];
  lang: string | undefined;
  className?: string;
}) {
  return (
    <span className={className}>
      {tokens.map((token, index) => {
        const key = `${index}:${token.text}`;
        const base = lang?.split('-')[0];
        if (token.romaji !== undefined) {
          return (
            <span className="reading-word" key={key}>
              <span className="reading-pinyin reading-kana" lang={lang}>
                {token.reading ?? '\u00a0'}
              </span>
              <span className="reading-chars" lang={lang}>
                {token.text}
              </span>
              <span className="reading-romaji" lang={base ? `${base}-Latn` : undefined}>
                {token.romaji}
              </span>
            </span>
          );
        }
        if (token.reading || token.gloss) {
          return (
            <span className="reading-word" key={key}>
              <span className="reading-pinyin" lang={base ? `${base}-Latn` : undefined}>
                {token.reading ?? '\u00a0'}
              </span>
              <span className="reading-chars" lang={lang}>
                {token.text}
              </span>
              <span className="reading-gloss" lang="en">
                {token.gloss ?? '\u00a0'}
              </span>
            </span>
          );
        }
        // text without a reading: punctuation, other scripts, spaces and line breaks
        const lines = token.text.split('\n');
        return (
          <Fragment key={key}>
            {lines.map((line, lineIndex) => (
              <Fragment key={`${key}:${lineIndex.toString()}`}>
                {lineIndex > 0 ? <span className="reading-break" /> : null}
                {line.trim() === '' ? null : (
                  <span className="reading-word plain">
                    <span className="reading-pinyin" aria-hidden="true">
                      {'\u00a0'}
                    </span>
                    <span className="reading-chars" lang={lang}>
                      {line.trim()}
                    </span>
                  </span>
                )}
              </Fragment>
            ))}
          </Fragment>
        );
      })}
    </span>
  );
}

/** "Word-by-word reading aid: … not a translation", and the dictionary's credit with its licence. */
export function ReadingLabel({ dictionary }: { dictionary: ReadingDictionary }) {
  const { t } = useT();
  const source = DICTIONARIES[dictionary];
  return (
    <>
      <span className="reading-label">
        {t(source.glosses ? 'reading.label' : 'reading.labelReadingsOnly')}
      </span>
      <a className="reading-credit" href={source.url} target="_blank" rel="noreferrer">
        {t('reading.credit', { source: source.name, licence: source.licence })}
      </a>
    </>
  );
}
