import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

function langOf(text: string): string {
  return detectLanguage(text).lang;
}

describe('detectLanguage', () => {
  it.each([
    ['en', 'Does anyone know a good ramen place in Chicago?'],
    ['es', '¿Alguien sabe dónde comer buenos tacos en Madrid?'],
    ['pt', 'Alguém sabe onde comer um bom açaí em São Paulo?'],
    ['fr', 'Quelqu’un connaît un bon resto de ramen à Lyon ?'],
    ['de', 'Kennt jemand ein gutes Restaurant in Berlin?'],
    ['it', 'Qualcuno conosce una buona pizzeria a Napoli?'],
    ['nl', 'Weet iemand een goed restaurant in Amsterdam?'],
    ['ru', 'Кто-нибудь знает хорошее кафе в Москве?'],
    ['uk', 'Хтось знає гарну кав’ярню у Києві? Дякую!'],
    ['ar', 'هل يعرف أحد مطعما جيدا في دبي؟'],
    ['tr', 'İstanbul’da iyi bir kahvaltı yeri bilen var mı?'],
    ['vi', 'Có ai biết quán phở nào ngon ở Hà Nội không?'],
    ['pl', 'Czy ktoś zna dobrą restaurację w Krakowie?'],
    ['th', 'มีใครรู้จักร้านอาหารอร่อยในกรุงเทพบ้างไหม'],
    ['el', 'Ξέρει κανείς ένα καλό εστιατόριο στην Αθήνα;'],
    ['he', 'מישהו מכיר מסעדה טובה בתל אביב?'],
    ['hi', 'क्या किसी को दिल्ली में अच्छा रेस्टोरेंट पता है?'],
  ])('tells %s in a short post', (lang, text) => {
    expect(langOf(text)).toBe(lang);
  });

  it.each([
    [
      'en',
      'I moved here last week after the other app shut down, and honestly I did not expect people to be this welcoming. Someone already sent me a list of places to eat in Shanghai.',
    ],
    [
      'es',
      'Me mudé aquí la semana pasada cuando cerraron la otra aplicación y, sinceramente, no esperaba que la gente fuera tan acogedora. Alguien ya me mandó una lista de sitios para comer.',
    ],
    [
      'de',
      'Ich bin letzte Woche hierher gewechselt, nachdem die andere App abgeschaltet wurde, und ehrlich gesagt hatte ich nicht erwartet, dass die Leute so freundlich sind.',
    ],
    [
      'zh-Hans',
      '上周另一个应用关闭之后我就搬到这里来了，说实话没想到大家这么热情。已经有人给我发了一份上海美食清单，周末准备去试试。',
    ],
    [
      'zh-Hant',
      '上週另一個應用程式關閉之後我就搬到這裡來了，說實話沒想到大家這麼熱情。已經有人給我傳了一份台北美食清單，週末準備去試試。',
    ],
  ])('tells %s in a long post', (lang, text) => {
    expect(detectLanguage(text)).toMatchObject({ lang });
    expect(detectLanguage(text).confidence).toBeGreaterThan(0.5);
  });

  it('tells Simplified from Traditional Chinese by the characters that differ', () => {
    expect(langOf('我们今天去吃火锅了，这家店的汤底真的很好吃')).toBe('zh-Hans');
    expect(langOf('我們今天去吃火鍋了，這家店的湯底真的很好吃')).toBe('zh-Hant');
    expect(langOf('這本書的翻譯品質真的很差')).toBe('zh-Hant');
    expect(langOf('这本书的翻译质量真的很差')).toBe('zh-Hans');
  });

  it('keeps characters shared by both scripts from tipping the balance', () => {
    // 台 and 后 are Simplified forms but also standard Traditional (台灣, 皇后); 床 is Taiwan's form.
    expect(langOf('我們在台灣看了皇后的展覽')).toBe('zh-Hant');
    expect(langOf('雨下了一整天，只想躺在床上看書')).toBe('zh-Hant');
  });

  it('reports Chinese without differing characters as Simplified, with less confidence', () => {
    const result = detectLanguage('今天天气');
    expect(result.lang).toBe('zh-Hans');
    const plain = detectLanguage('你好');
    expect(plain.lang).toBe('zh-Hans');
    expect(plain.confidence).toBeLessThan(detectLanguage('我们今天去吃火锅了').confidence);
  });

  it('reports Japanese when there is any kana, also with kanji', () => {
    expect(langOf('今日の夕焼けがとてもきれいでした')).toBe('ja');
    expect(langOf('東京に行きます')).toBe('ja');
    expect(langOf('コーヒー')).toBe('ja');
    expect(langOf('東京駅')).toBe('ja'); // 駅 is a Japanese-only form
  });

  it('does not take the katakana middle dot in Chinese names for Japanese', () => {
    expect(langOf('迈克尔・杰克逊的演唱会')).toBe('zh-Hans');
  });

  it('reports Korean for Hangul, also with a little Hanja', () => {
    expect(langOf('오늘 날씨가 좋네요')).toBe('ko');
    expect(langOf('大韓民國 헌법 제1조')).toBe('ko');
    expect(langOf('ㅋㅋㅋㅋ')).toBe('ko');
  });

  it('reports the main language of a mixed Chinese and English post', () => {
    expect(langOf("今天去了 Trader Joe's 买了很多 snacks 好开心")).toBe('zh-Hans');
    expect(langOf('这个 app 的 UI 设计得好 nice')).toBe('zh-Hans');
    expect(langOf('I went to 北京 last summer and loved every minute of it')).toBe('en');
  });

  it('ignores links, mentions, emoji and the # of topics', () => {
    expect(langOf('https://example.com/very/long/english/path 今天很开心')).toBe('zh-Hans');
    expect(langOf('@jennifer_from_texas 谢谢你的推荐 😍😍')).toBe('zh-Hans');
    expect(langOf('#周末日常 #TikTokRefugee 第一次来这里')).toBe('zh-Hans');
    expect(langOf('Finally here! #小红书 #TikTokRefugee 😂 see you all')).toBe('en');
  });

  it.each([
    ['emoji only', '😂😂😂'],
    ['an emoji sequence', '👩🏽‍💻❤️‍🔥🇨🇳'],
    ['numbers', '12345 678'],
    ['a date', '2026-11-21 18:30'],
    ['a link', 'https://example.com/watch?v=abc123'],
    ['mentions', '@alice @bob'],
    ['punctuation', '???!!! ...'],
    ['an empty string', ''],
    ['two letters', 'ok'],
    ['laughter', 'hahahaha'],
    ['Portuguese laughter', 'kkkkkk'],
    ['a drawn-out sound', 'aaaaah!!!'],
  ])('answers und for %s', (_name, text) => {
    expect(detectLanguage(text)).toEqual({ lang: 'und', confidence: 0, reliable: false });
  });

  it('answers und below the minimum confidence', () => {
    const guess = detectLanguage('Hola amigo');
    expect(guess.lang).not.toBe('und');
    expect(detectLanguage('Hola amigo', { minConfidence: guess.confidence + 0.01 }).lang).toBe(
      'und',
    );
  });

  it('reads only the start of a very long text', () => {
    const long = `${'Das ist ein ganz normaler deutscher Satz. '.repeat(100)}${'x '.repeat(100_000)}`;
    expect(langOf(long)).toBe('de');
  });
});
