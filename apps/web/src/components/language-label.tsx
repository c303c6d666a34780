import { useT } from '../i18n/provider.js';
import { languageName } from '../lib/languages.js';
import { useReader } from '../lib/reader.js';

/**
 * The language of a note or comment ("English", "西班牙语"), shown only when the reader does
 * not read it.
 */
export function LanguageLabel({
  lang,
  className = 'lang-label',
}: {
  lang: string | null;
  className?: string;
}) {
  const { t, locale } = useT();
  const reader = useReader();
  if (!lang || reader.reads(lang)) return null;
  return (
    <span
      className={className}
      title={t('translation.writtenIn', {
        language: languageName(lang, locale, { inSentence: true }),
      })}
    >
      {languageName(lang, locale)}
    </span>
  );
}
