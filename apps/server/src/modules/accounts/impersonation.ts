import { skeletonWords } from '@atrium/safety';

// Names that would let an account pass for the platform or its staff. Names are compared by
// their skeleton (the safety package's fold: homoglyphs, full-width, leetspeak, `l`/`1` → `i`),
// read twice: digits folded as letters (`adm1n` → admin) and digits dropped as separators
// (`admin2` → admin). Words are the runs between separators (`_`, `.`, spaces, punctuation).
// The rule, with its tests of real-looking names in `impersonation.test.ts`:
// - a handle is reserved when one of its words is a staff word (`admin_bob`, `atrium_fan`,
//   `0fficial`) or when it is made only of reserved words (`atriumofficial`, `modteam`, `help`);
// - a display name is reserved when one of its words is a staff title (`Bob the Admin`,
//   `Аdmin`), when it is made only of reserved words (`Atrium Official`, `Support Team`,
//   `Ad min`), or when it holds a CJK staff title (`官方`, `管理员`, `客服`);
// - a word that merely contains the letters is not (`badminton`, `madmind`, `stafford`,
//   `supportive_sam`), and neither is a name of reserved words none of which is about staff
//   (`real_news`).
// Staff accounts (and the operator's own) may carry such names; they wear a badge instead.

/** Words that stand for the platform or its staff wherever they appear in a handle. */
const STAFF_WORDS = [
  'admin',
  'admins',
  'administrator',
  'administrators',
  'sysadmin',
  'moderator',
  'moderators',
  'moderation',
  'staff',
  'support',
  'official',
  'officials',
  'atrium',
  'system',
  'security',
  'safety',
  'webmaster',
  'postmaster',
  'hostmaster',
  // pinyin of 官方 (official), 管理员 (administrator), 客服 (customer service)
  'guanfang',
  'guanliyuan',
  'kefu',
];

/** Words that make a name about staff when the name is made only of reserved words. */
const STAFF_ROLE_WORDS = [
  'team',
  'teams',
  'mod',
  'mods',
  'help',
  'helpdesk',
  'service',
  'services',
  'care',
  'verify',
  'verified',
  'operator',
  'operators',
];

/** Other words of staff-sounding names (`the_team`, `atrium_hq`, `trust_and_safety`). */
const FILLER_WORDS = [
  'the',
  'real',
  'hq',
  'desk',
  'center',
  'centre',
  'customer',
  'info',
  'news',
  'notice',
  'notices',
  'alert',
  'alerts',
  'trust',
  'and',
  'account',
  'accounts',
  'dept',
  'bot',
  'ops',
  'owner',
  'abuse',
  'contact',
  'app',
];

/** Staff titles that make a display name reserved wherever they appear in it. */
const TITLE_WORDS = [
  'admin',
  'admins',
  'administrator',
  'administrators',
  'sysadmin',
  'moderator',
  'moderators',
  'atrium',
];

/** Staff titles of scripts written without spaces, matched anywhere in a display name. */
const CJK_TITLES = [
  '官方',
  '管理员',
  '客服',
  '版主',
  '运营',
  '運営',
  '公式',
  '관리자',
  '운영자',
  '공식',
];

const skeleton = (word: string) => skeletonWords(word).join('');
const skeletons = (words: string[]) => new Set(words.map(skeleton));

const staffWords = skeletons(STAFF_WORDS);
const roleWords = skeletons([...STAFF_WORDS, ...STAFF_ROLE_WORDS]);
const reservedWords = skeletons([...STAFF_WORDS, ...STAFF_ROLE_WORDS, ...FILLER_WORDS]);
const titleWords = skeletons(TITLE_WORDS);
const cjkTitles = CJK_TITLES.map(skeleton);
const LONGEST = Math.max(...[...reservedWords].map((word) => word.length));

/** Whether `text` is a run of reserved words of which at least one is about staff. */
function madeOfReservedWords(text: string): boolean {
  if (!text) return false;
  // reach[i]: 0 not reachable, 1 reachable, 2 reachable with a staff word on the way
  const reach = new Uint8Array(text.length + 1);
  reach[0] = 1;
  for (let start = 0; start < text.length; start++) {
    if (!reach[start]) continue;
    for (let end = start + 1; end <= Math.min(text.length, start + LONGEST); end++) {
      const word = text.slice(start, end);
      if (!reservedWords.has(word)) continue;
      const next = reach[start] === 2 || roleWords.has(word) ? 2 : 1;
      if (next > reach[end]!) reach[end] = next;
    }
  }
  return reach[text.length] === 2;
}

/** The two readings of a name: digits folded as letters, and digits dropped. */
function readings(name: string): string[][] {
  return [skeletonWords(name), skeletonWords(name, { digitsSeparate: true })];
}

/** Whether a handle (already lower-cased and valid) would pass for the platform or its staff. */
export function handleImpersonatesStaff(handle: string): boolean {
  return readings(handle).some(
    (words) => words.some((word) => staffWords.has(word)) || madeOfReservedWords(words.join('')),
  );
}

/** Whether a display name would pass for the platform or its staff. */
export function displayNameImpersonatesStaff(name: string): boolean {
  return readings(name).some((words) => {
    const joined = words.join('');
    return (
      words.some((word) => titleWords.has(word)) ||
      madeOfReservedWords(joined) ||
      cjkTitles.some((title) => joined.includes(title))
    );
  });
}
