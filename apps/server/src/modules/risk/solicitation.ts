// Contact and solicitation in the text of young accounts' notes and comments (docs/risk.md,
// "First actions"). Spam that carries no link still has to tell the reader where to go: a phone
// number, a messenger handle, "DM me", "link in bio". Pure functions over one text; the rules
// are written for what real platforms see, in the languages of Atrium's interface and a few
// more of the large newcomer waves (Portuguese, French, German, Indonesian, Vietnamese).

/** Digits in a run of a phone number's characters. */
const digitCount = (run: string) => run.replace(/\D/g, '').length;

// a run of digits with the separators people type in numbers (spaces, dots, dashes, brackets)
const NUMBER_RUN = /(?:\+|\b00)?\(?\d[\d\s().-]{5,}\d/gu;

/**
 * A phone number written out: a run of digits and separators with an international prefix
 * (`+` or `00`) and at least 7 digits, or at least 9 digits without one. Dates (8 digits),
 * years, prices and counts are not numbers by this rule.
 */
export function hasPhoneNumber(text: string): boolean {
  for (const match of text.normalize('NFKC').matchAll(NUMBER_RUN)) {
    const run = match[0].trim();
    const digits = digitCount(run);
    const international = run.startsWith('+') || run.startsWith('00');
    if (digits >= 9 || (international && digits >= 7)) return true;
  }
  return false;
}

// messaging apps and their short forms; the ambiguous words (line, signal, snap) only count
// with a handle right after them, like the rest
const MESSENGERS =
  'whats\\s?app|wa|telegram|tg|wechat|weixin|微信|薇信|威信|vx|wx|line|kakao(?:\\s?talk)?|카톡|카카오톡|signal|viber|snapchat|snap|skype|discord|zalo|imo|instagram|insta|ig|ins|facebook|fb|messenger|qq';
const MESSENGER_HANDLE = new RegExp(
  // the app, an optional "id"/"号", then ":" and a handle, an @handle, or a number
  `(?:^|[^\\p{L}\\p{N}])(?:${MESSENGERS})\\s*(?:id|号|號|아이디)?\\s*(?:[:：=]\\s*[\\p{L}\\p{N}_.@+-]{3,}|@[\\p{L}\\p{N}_.]{3,}|\\+?\\d[\\d\\s-]{4,}\\d)`,
  'iu',
);
// links to a chat: wa.me/…, t.me/…, line.me/…, m.me/…
const CHAT_LINK = /\b(?:wa\.me|t\.me|telegram\.me|line\.me|m\.me|qm\.qq\.com)\/\S+/iu;

/** A messenger named with a handle or number to reach ("Telegram @shop", "微信: abc123"). */
export function hasMessengerHandle(text: string): boolean {
  const normal = text.normalize('NFKC');
  return MESSENGER_HANDLE.test(normal) || CHAT_LINK.test(normal);
}

/** A way to reach the writer off the platform: a phone number or a messenger handle. */
export function hasContactChannel(text: string): boolean {
  return hasPhoneNumber(text) || hasMessengerHandle(text);
}

// phrases that send the reader to a private channel or to the profile's link, by language
const SOLICITATION_PHRASES: readonly RegExp[] = [
  // English
  /\b(?:dm|pm|inbox|message|text|whatsapp|contact|hit)\s+(?:me|us)\b/iu,
  /\bdms?\s+(?:for|to)\b/iu,
  /\bdms?\s+(?:are\s+)?open\b/iu,
  /\blinks?\s+in\s+(?:my\s+|the\s+)?(?:bio|profile)\b/iu,
  /\b(?:check|see|visit)\s+my\s+(?:bio|profile)\b/iu,
  /\bclick\s+(?:the|my)\s+link\b/iu,
  // Spanish and Portuguese
  /\b(?:escr[ií]beme|cont[aá]ctame|m[aá]ndame\s+(?:un\s+)?(?:mensaje|md|dm)|me\s+chama\s+no)\b/iu,
  /\b(?:enlace|link)\s+(?:en|na)\s+(?:mi\s+)?(?:bio|perfil)\b/iu,
  /\b(?:info|informaci[oó]n)\s+(?:por|al)\s+(?:md|dm|privado|inbox)\b/iu,
  // French and German
  /\b(?:lien\s+dans\s+(?:ma\s+)?bio|[ée]cris-moi|contactez-moi|link\s+in\s+der\s+bio|schreib\s+mir)\b/iu,
  // Indonesian and Vietnamese
  /\b(?:hubungi\s+(?:aku|saya|kami)|link\s+di\s+bio|inbox\s+m[ìi]nh|li[êe]n\s+h[ệe]\s+(?:m[ìi]nh|qua))\b/iu,
  // Chinese: private message me, add me, add WeChat, the link on my profile page
  /私信|私聊|加我|加微|加v|加V|主页链接|看主页|戳主页|简介里|主頁連結/u,
  // Japanese: DM please, the link in my profile
  /DM(?:ください|下さい|で|まで)|プロフ(?:ィール)?の?リンク|詳しくはプロフ/iu,
  // Korean: DM please, link in profile, KakaoTalk me, inquiries to
  /DM\s?주세요|디엠\s?주세요|프로필\s?링크|카톡\s?주세요|문의는/iu,
];

/** A phrase sending the reader to a private channel or to the profile's link. */
export function hasSolicitation(text: string): boolean {
  const normal = text.normalize('NFKC');
  return SOLICITATION_PHRASES.some((phrase) => phrase.test(normal));
}
