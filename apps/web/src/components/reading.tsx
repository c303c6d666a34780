import type { ReadingDictionary, ReadingToken } from '@atrium/sdk';
import { Fragment } from 'react';
import { useT } from '../i18n/provider.js';

/** Each dictionary's credit: CC-CEDICT's licence (CC BY-SA 4.0) asks for it wherever it is shown. */
const DICTIONARIES: Record<ReadingDictionary, { name: string; licence: string; url: string }> = {
  'cc-cedict': {
    name: 'CC-CEDICT',
    licence: 'CC BY-SA 4.0',
    url: 'https://cc-cedict.org/wiki/',
  },
};

/**
 * A word-by-word reading: each word with its reading above and its dictionary gloss below, in
 * the order written; line breaks kept. `lang` is the text's language (for fonts and speech).
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
        if (token.reading || token.gloss) {
          return (
            <span className="reading-word" key={key}>
              <span
                className="reading-pinyin"
                lang={lang ? `${lang.split('-')[0]}-Latn` : undefined}
              >
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
      <span className="reading-label">{t('reading.label')}</span>
      <a className="reading-credit" href={source.url} target="_blank" rel="noreferrer">
        {t('reading.credit', { source: source.name, licence: source.licence })}
      </a>
    </>
  );
}
