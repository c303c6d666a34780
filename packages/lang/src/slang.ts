/**
 * Internet slang, abbreviations and written laughter that an n-gram model cannot place ("lmaooo fr
 * fr", "jajajaja", "www", "草"): a small lexicon per language. A post made mostly of them is in
 * that language; laughter shared by many languages ("hahaha", "lol" alone is English) is not
 * listed.
 */

interface SlangEntry {
  lang: string;
  /** Whether the token alone decides a one-word post ("jajaja" does; "kkk" alone stays `und`). */
  alone: boolean;
}

const WORDS: Readonly<Record<string, string>> = {
  en: `lol lmao lmfao rofl omg omfg idk idc tbh ngl fr frfr rn wyd hbu wbu smh bruh btw imo imho
    irl fyi pls plz thx tysm ty ur gonna wanna gotta kinda dunno lemme yall af asf istg ikr nvm
    cuz tho wat ded yolo sus lowkey highkey deadass bestie omw jk tmi iykyk fml stfu`,
  es: `xq pq tqm ntp nmms alv wey güey neta porfa xfa tmb dnd ke jeje jiji`,
  pt: `vc vcs mt mto tbm blz vlw td msm mds oq sdds cmg hj obg pfv rsrs kk`,
  fr: `mdr ptdr jsp jpp slt bjr stp svp tkt wsh oklm`,
  de: `vllt hdl kp lg`,
  id: `wkwk gw gue lu gak bgt udh blm yg dgn mantul anjir`,
  'zh-Hans': `yyds xswl awsl nsdd zqsg hhh`,
  ja: `www 草`,
};
// Tokens that decide a one-word post.
const ALONE = new Set([
  'lol',
  'lmao',
  'lmfao',
  'omg',
  'idk',
  'tbh',
  'ngl',
  'jaja',
  'jeje',
  'www',
  '草',
  'yyds',
  'xswl',
  'awsl',
  'mdr',
  'ptdr',
  'wkwk',
  'rsrs',
]);

const LEXICON = new Map<string, SlangEntry>();
for (const [lang, words] of Object.entries(WORDS)) {
  for (const word of words.split(/\s+/).filter(Boolean)) {
    LEXICON.set(word, { lang, alone: ALONE.has(word) });
  }
}
LEXICON.set('jaja', { lang: 'es', alone: true });

/** The lexicon form of a token: laughter and drawn-out letters collapsed ("lmaooo" → "lmao"). */
function canonical(token: string): string {
  const lower = token.toLowerCase();
  if (LEXICON.has(lower)) return lower;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  const word = /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKC');
  if (LEXICON.has(word) || !MAYBE_DRAWN_OUT.test(word)) return word;
  if (/^(?:ja){2,}j?a?$|^(?:ja)+(?:ja|js)+$|^(?:js){2,}j?$/.test(word)) return 'jaja';
  if (/^(?:je){2,}j?$/.test(word)) return 'jeje';
  if (/^(?:wk){2,}w?$/.test(word)) return 'wkwk';
  if (/^(?:rs){2,}r?$/.test(word)) return 'rsrs';
  if (/^k{3,}$/.test(word)) return 'kk';
  if (/^h{3,}$/.test(word)) return 'hhh';
  if (/^w{3,}$/.test(word)) return 'www';
  if (/^w*草w*$/.test(word)) return '草';
  if (/^lo+l$/.test(word)) return 'lol';
  return word.replace(/(.)\1{2,}/g, '$1');
}

// Only words with a repeated letter or pair of letters, or with 草, can be drawn-out forms.
const MAYBE_DRAWN_OUT = /(.)\1|(..)\2|草/;

export interface SlangVote {
  lang: string;
  /** Tokens of the post in that language's lexicon. */
  hits: number;
  /** Share of the post's tokens they make up. */
  share: number;
}

/**
 * The language whose slang makes up enough of a post to decide it: a one-token post whose token
 * decides alone, or at least half of the tokens (a third when two or more are slang). Undefined
 * when no language leads.
 */
export function slangLanguage(tokens: readonly string[]): SlangVote | undefined {
  if (tokens.length === 0) return undefined;
  const hits = new Map<string, number>();
  let alone = false;
  for (const token of tokens) {
    const entry = LEXICON.get(canonical(token));
    if (entry === undefined) continue;
    hits.set(entry.lang, (hits.get(entry.lang) ?? 0) + 1);
    alone ||= entry.alone;
  }
  const ranked = [...hits].sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (best === undefined || ranked[1]?.[1] === best[1]) return undefined;
  const share = best[1] / tokens.length;
  if (tokens.length === 1 && !alone) return undefined;
  if (share >= 0.5 || (best[1] >= 2 && share >= 1 / 3))
    return { lang: best[0], hits: best[1], share };
  return undefined;
}
