/**
 * Romanized Chinese, Arabic and Japanese: Latin letters a statistical model reads as some other
 * language ("wo ai ni men" as Yoruba, "salam 3alaykom" as Spanish). Recognized by their own
 * rules and reported with a script subtag — `zh-Latn` (Hanyu pinyin), `ar-Latn` (Arabizi, the
 * chat alphabet with digits for Arabic sounds), `ja-Latn` (romaji) — so callers know the language
 * and that the text is romanized (translation engines cannot read it; moderators of the language
 * can).
 */

// Every syllable of Hanyu pinyin, without tones (ü written v).
const PINYIN_SYLLABLES = new Set(
  `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang
  cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang
  chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian
  diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu
  ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang
  hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin
  jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
  kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long
  lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo
  mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan
  nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian
  qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua
  ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi
  shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang
  tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu
  xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo
  yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei
  zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun
  zuo`.split(/\s+/),
);
// Frequent pinyin words that are not words of English or a Romance language.
const PINYIN_WORDS = new Set(
  `wo ni ta women nimen tamen hao nihao xie xiexie shi hen zai zhe zhege nage meiyou mei ren guo
  zhongguo meiguo pengyou jiayou dajia shenme zenme weishenme keyi xihuan gaoxing renshi laoshi
  duibuqi zaijian haode haochi piaoliang zhen de le bu dou hui yao qu lai kan chi shuo jiu`.split(
    /\s+/,
  ),
);
// Short English words that are also pinyin syllables: a text made mostly of them is English.
const ENGLISH_PINYIN = new Set(
  'a an he me men man can fan pan ran ban tan sun bun gun run long song bang hang gang sang die tie lie pie bin pin tin hen she ping pong ding dong wang yo ye you ya ha so ma pa'.split(
    ' ',
  ),
);

const ROMAJI_SYLLABLES = new Set(
  `a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi
  mu me mo ya yu yo ra ri ru re ro wa wo n ga gi gu ge go za ji zu ze zo da de do ba bi bu be bo
  pa pi pu pe po kya kyu kyo sha shu sho cha chu cho nya nyu nyo hya hyu hyo mya myu myo rya ryu
  ryo gya gyu gyo ja ju jo bya byu byo pya pyu pyo si ti tu hu zi di du`.split(/\s+/),
);
// Romaji words seen in posts that are not words of another language written in Latin letters.
const ROMAJI_WORDS = new Set(
  `arigatou arigato gozaimasu gozaimashita desu deshita masu mashita ohayou ohayo konnichiwa
  konbanwa oyasumi sayonara sayounara itadakimasu gochisousama daijoubu daijobu sumimasen gomen
  gomennasai oishii kawaii sugoi yoroshiku onegaishimasu onegai otsukaresama otsukare
  hajimemashite minna minasan watashi anata daisuki tanoshii ganbatte ganbarimasu omedetou
  omedeto tadaima okaeri hontou hontoni kimochi senpai kudasai douzo yabai`.split(/\s+/),
);
const ROMAJI_PARTICLES = new Set(['ne', 'yo', 'no', 'wa', 'ga', 'de', 'ni', 'ka', 'to', 'mo']);

// Arabizi: digits for sounds Latin letters lack (3 ع, 7 ح, 5 خ, 2 ء, 6 ط, 9 ق).
const ARABIZI_DIGIT_WORD =
  /^(?:[a-z]*[a-z][235679][a-z']*|[35679][a-z]{2,}[a-z0-9']*|2[aeiou][a-z]+)$/;
const ARABIZI_WORDS = new Set(
  `salam salaam habibi habibti inshallah inshalla wallah walla yalla yallah ya ana enta inta
  enti inti mashallah shukran ahlan kifak kifik ezayak ezayek el w fi mn men bas shu shou keef
  kif ya3ni la2 aywa tayeb tayyeb khalas akhi ukhti hamdullah alhamdulillah mabrook sabah masa
  jama3a 3ala 3an ma3 wa alf lesh leh`.split(/\s+/),
);

export type Romanized = 'zh-Latn' | 'ar-Latn' | 'ja-Latn';

function segments(word: string, syllables: ReadonlySet<string>, longest: number): boolean {
  // reachable[i]: word.slice(0, i) splits into syllables.
  const reachable = new Uint8Array(word.length + 1);
  reachable[0] = 1;
  for (let end = 1; end <= word.length; end++) {
    for (let length = 1; length <= Math.min(longest, end); length++) {
      if (reachable[end - length] && syllables.has(word.slice(end - length, end))) {
        reachable[end] = 1;
        break;
      }
    }
  }
  return reachable[word.length] === 1;
}

function isRomaji(word: string): boolean {
  // A doubled consonant (sokuon: kitte, zasshi) counts as part of the next syllable.
  return segments(
    word.replace(/([kstpgdbzcfhjmr])\1/g, '$1').replace(/tch/g, 'ch'),
    ROMAJI_SYLLABLES,
    3,
  );
}

const TONE_MARK = /[\u0304\u030c]/; // macron and caron: ā ǎ, used by pinyin, not by Vietnamese
const ANY_MARK = /\p{M}/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The romanized language of a Latin-script text, or undefined. `words` are its lower-case words
 * (letters, digits and apostrophes).
 */
export function romanizedLanguage(words: readonly string[]): Romanized | undefined {
  if (words.length === 0) return undefined;
  // Tone digits after each syllable (wo3 xi3 huan1) are pinyin, not Arabizi's letter digits.
  if (words.every(isNumberedPinyin) && words.some((word) => /\d/.test(word))) return 'zh-Latn';
  if (isArabizi(words)) return 'ar-Latn';
  const plain = words
    .map((word) => (ASCII.test(word) ? word : word.normalize('NFD').replace(ANY_MARK, '')))
    .filter(Boolean);
  if (isRomajiText(plain)) return 'ja-Latn';
  if (isPinyin(words, plain)) return 'zh-Latn';
  return undefined;
}

function isNumberedPinyin(word: string): boolean {
  if (!/^(?:[a-zü]+[1-5]?)+$/.test(word)) return false;
  return word
    .split(/[1-5]/)
    .filter(Boolean)
    .every((piece) => segments(piece.replace(/ü/g, 'v'), PINYIN_SYLLABLES, 6));
}

function isArabizi(words: readonly string[]): boolean {
  let digitWords = 0;
  let known = 0;
  for (const word of words) {
    if (ARABIZI_DIGIT_WORD.test(word)) digitWords++;
    else if (ARABIZI_WORDS.has(word)) known++;
  }
  if (digitWords >= 2) return true;
  if (digitWords === 1) return known >= 1;
  return (
    known >= 2 &&
    known * 2 >= words.length &&
    words.some((word) => word.length > 3 && ARABIZI_WORDS.has(word))
  );
}

function isRomajiText(words: readonly string[]): boolean {
  if (!words.some((word) => ROMAJI_WORDS.has(word))) return false;
  let strong = 0;
  let particles = 0;
  for (const word of words) {
    if (!/^[a-z]+$/.test(word) || !isRomaji(word)) return false;
    if (ROMAJI_WORDS.has(word)) strong++;
    else if (ROMAJI_PARTICLES.has(word)) particles++;
  }
  return strong >= 1 && (strong + particles) * 2 >= words.length;
}

function isPinyin(original: readonly string[], plain: readonly string[]): boolean {
  let syllables = 0;
  let english = 0;
  let distinctive = false;
  for (let index = 0; index < plain.length; index++) {
    const withTones = original[index]!;
    const digits = /^[a-z]+[1-5]$/.test(plain[index]!) || /[a-z][1-5][a-z]/.test(plain[index]!);
    const word = plain[index]!.replace(/[1-5]/g, '').replace(/ü|u:/g, 'v').replace(/'/g, '');
    if (!/^[a-z]+$/.test(word) || !segments(word, PINYIN_SYLLABLES, 6)) return false;
    syllables += Math.max(1, Math.round(word.length / 3));
    if (ENGLISH_PINYIN.has(word)) english++;
    if (
      digits ||
      TONE_MARK.test(withTones.normalize('NFD')) ||
      /[xq]|zh/.test(word) ||
      PINYIN_WORDS.has(word)
    ) {
      distinctive = true;
    }
  }
  return distinctive && syllables >= 2 && english * 2 < plain.length;
}
