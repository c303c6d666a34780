/**
 * Close languages the n-gram model confuses in short text, told apart by words and letters only
 * one of them writes: Spanish and Portuguese (hola/olá, muy/muito, ñ/ç ã õ), Serbian, Croatian
 * and Slovenian in Latin script, Ukrainian and Belarusian.
 *
 * Serbian, Croatian and Bosnian (and Montenegrin) are one language in short posts: the model's
 * choice among them is kept (Serbian when an ekavian word shows, Croatian when an ijekavian or
 * Croatian-only word does), and Atrium treats them as interchangeable (`INTERCHANGEABLE` in
 * languages.ts). Slovenian is a different language and needs Slovenian words to be reported.
 */

const SPANISH = new Set(
  `hola gracias muchas muchos muy buenos buenas noches días dia y el la lo los las del al con una
  uno es soy eres estoy estás tengo tiene tienen hay pero también aquí ahora yo mi mis tu su sus
  usted ustedes nosotros que qué quién como cómo dónde cuándo sé nada bueno bien gente amigo amiga
  señor vale ya`.split(/\s+/),
);
const PORTUGUESE = new Set(
  `olá oi obrigado obrigada muito muita muitos bom boa noite dias os do dos das na
  com um uma é sou está estou tenho tem mas também aqui agora eu meu minha você vocês nós não
  sim que quem como onde quando sei nada bem gente amigo amiga senhor isso isto tudo já`.split(
    /\s+/,
  ),
);
// Words written the same in both (que, como, gente, nada, amigo…) are left out of the count:
// each list holds every common word its language writes, so that a word the other also writes
// is found in both and counts for neither.
const SHARED_IBERIAN = new Set([...SPANISH].filter((word) => PORTUGUESE.has(word)));

const SERBIAN_EKAVIAN = new Set(
  `razumem lepo lepa gde vreme deca dete mleko reka belo pesma sreća hleb nedelja šta hoću
  ćao bre jel beograd beograda`.split(/\s+/),
);
const CROATIAN = new Set(
  `razumijem lijepo lijepa gdje vrijeme djeca dijete mlijeko rijeka bijelo pjesma kruh tjedan
  tko što bok zagreb zagreba hvala`.split(/\s+/),
);
const SLOVENIAN = new Set(
  `sem si smo ste so bom bo lahko zelo kaj tudi kje ker že jaz midva ljudje hvala lep dober
  dobrodošli pozdravljeni kako ljubljana ljubljane`.split(/\s+/),
);
// Serbo-Croatian words Slovenian writes otherwise (puno/zelo, ljudi/ljudje, ništa/nič).
const SERBO_CROATIAN = new Set(
  'puno mnogo jako ljudi svima ništa nešto sve jer vas vam ste li'.split(' '),
);
// Shared by the three: not evidence.
const SOUTH_SLAVIC_SHARED = new Set(['hvala', 'kako', 'dobro', 'jutro', 'zdravo', 'svima']);

const SHORT_POST_WORDS = 8;

function count(
  words: readonly string[],
  lexicon: ReadonlySet<string>,
  shared: ReadonlySet<string>,
): number {
  let hits = 0;
  for (const word of words) if (lexicon.has(word) && !shared.has(word)) hits++;
  return hits;
}

/**
 * The model's answer, corrected when the text's words or letters belong to the other language of
 * a close pair. `words` are the text's lower-case words.
 */
export function settleClosePair(lang: string, text: string, words: readonly string[]): string {
  // On longer text the model is right far more often than a word count.
  if (words.length > SHORT_POST_WORDS) return lang;
  switch (lang) {
    case 'es':
    case 'pt':
    case 'gl':
    case 'ca': {
      if (/[ñ¿¡]/.test(text)) return 'es';
      if (/[ãõç]|lh|nh/.test(text) && lang !== 'ca') return 'pt';
      const spanish = count(words, SPANISH, SHARED_IBERIAN);
      const portuguese = count(words, PORTUGUESE, SHARED_IBERIAN);
      if (spanish > portuguese && (lang === 'pt' || lang === 'gl')) return 'es';
      if (portuguese > spanish && (lang === 'es' || lang === 'gl')) return 'pt';
      return lang;
    }
    case 'sr':
    case 'hr':
    case 'bs':
    case 'sl': {
      const slovenian = count(words, SLOVENIAN, SOUTH_SLAVIC_SHARED);
      const serbian = count(words, SERBIAN_EKAVIAN, SOUTH_SLAVIC_SHARED);
      const croatian = count(words, CROATIAN, SOUTH_SLAVIC_SHARED);
      const serboCroatian = serbian + croatian + count(words, SERBO_CROATIAN, SLOVENIAN);
      if (slovenian > serboCroatian) return 'sl';
      if (serbian > croatian) return 'sr';
      if (croatian > serbian) return 'hr';
      return lang === 'sl' && serboCroatian > slovenian ? 'hr' : lang;
    }
    case 'be':
      // Belarusian writes ў and ы often; a Cyrillic text with і but neither is Ukrainian.
      return /[ўыэё]/i.test(text) ? 'be' : 'uk';
    default:
      return lang;
  }
}
