// Where generated people come from: what their phones, browsers and posts look like. A newcomer
// from a country has that country's phone number, IP, time zone, browser language and names, and
// writes in its language. Fake foreigners claim one of these and leak another (see cohorts.ts).

export interface CountryProfile {
  /** ISO 3166-1 alpha-2: the phone's region and the IP's country. */
  code: string;
  /** Share of genuine newcomers (relative weight). */
  weight: number;
  acceptLanguage: string;
  /** The interface locale the web client sends at sign-up. */
  locale: string;
  /** Language of their posts (BCP 47 primary subtag). */
  lang: string;
  zones: readonly string[];
  givenNames: readonly string[];
  familyNames: readonly string[];
  /** Sentences they post; `{cat}` becomes a cat's name. */
  lines: readonly string[];
  titles: readonly string[];
}

const englishLines = [
  'Hi everyone! Just got here and trying to figure out how this app works. Here is {cat} as my cat tax.',
  'Paying my cat tax: this is {cat}, who thinks the keyboard is a bed.',
  'Hello from a new refugee. What should I cook first? {cat} votes for fish.',
  'Learning to say ni hao properly. {cat} is not impressed with my tones.',
  'Day two here and I already love the recipe posts. {cat} says hi.',
  'Can someone explain the best noodle shops? Meanwhile, meet {cat}.',
  'Swapping memes for recipes. {cat} approves of this cultural exchange.',
];

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'US',
    weight: 40,
    acceptLanguage: 'en-US,en;q=0.9',
    locale: 'en',
    lang: 'en',
    zones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    givenNames: ['Emily', 'Jake', 'Madison', 'Tyler', 'Ashley', 'Brandon', 'Kayla', 'Jordan'],
    familyNames: ['Miller', 'Johnson', 'Garcia', 'Brown', 'Davis', 'Wilson', 'Moore', 'Clark'],
    lines: englishLines,
    titles: [
      'Cat tax paid',
      'Hello RedNote friends',
      'New here!',
      'My first post',
      'Dinner tonight',
    ],
  },
  {
    code: 'GB',
    weight: 7,
    acceptLanguage: 'en-GB,en;q=0.9',
    locale: 'en',
    lang: 'en',
    zones: ['Europe/London'],
    givenNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Poppy'],
    familyNames: ['Smith', 'Jones', 'Taylor', 'Evans', 'Hughes', 'Walker'],
    lines: englishLines,
    titles: ['Cuppa and cat tax', 'Hello from the UK', 'First post, be kind'],
  },
  {
    code: 'CA',
    weight: 5,
    acceptLanguage: 'en-CA,en;q=0.9,fr-CA;q=0.7',
    locale: 'en',
    lang: 'en',
    zones: ['America/Toronto', 'America/Vancouver'],
    givenNames: ['Liam', 'Chloe', 'Ethan', 'Maya', 'Noah'],
    familyNames: ['Tremblay', 'Martin', 'Roy', 'Wong', 'Campbell'],
    lines: englishLines,
    titles: ['Hello from Canada', 'Cat tax from the north'],
  },
  {
    code: 'AU',
    weight: 4,
    acceptLanguage: 'en-AU,en;q=0.9',
    locale: 'en',
    lang: 'en',
    zones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Perth'],
    givenNames: ['Mia', 'Jack', 'Charlotte', 'Cooper', 'Ruby'],
    familyNames: ['Nguyen', 'Kelly', 'Murphy', 'White', 'Ryan'],
    lines: englishLines,
    titles: ['G’day RedNote', 'Cat tax from Oz'],
  },
  {
    code: 'DE',
    weight: 5,
    acceptLanguage: 'de-DE,de;q=0.9,en;q=0.8',
    locale: 'en',
    lang: 'de',
    zones: ['Europe/Berlin'],
    givenNames: ['Lukas', 'Hannah', 'Finn', 'Lea', 'Jonas', 'Marie'],
    familyNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber'],
    lines: [
      'Hallo zusammen! Ich bin neu hier. Das ist {cat}, meine Katzensteuer.',
      'Wer kann mir gute Rezepte für Nudeln empfehlen? {cat} schläft schon.',
      'Zweiter Tag hier und ich lerne jeden Tag etwas Neues. Grüße von {cat}.',
    ],
    titles: ['Katzensteuer', 'Hallo aus Deutschland'],
  },
  {
    code: 'FR',
    weight: 4,
    acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.7',
    locale: 'en',
    lang: 'fr',
    zones: ['Europe/Paris'],
    givenNames: ['Léa', 'Hugo', 'Manon', 'Louis', 'Camille'],
    familyNames: ['Martin', 'Bernard', 'Dubois', 'Laurent', 'Moreau'],
    lines: [
      'Bonjour à tous ! Je suis nouvelle ici. Voici {cat}, ma taxe chat.',
      'Quelqu’un connaît une bonne recette de raviolis ? {cat} attend aussi.',
      'Deuxième jour ici, j’adore les photos de cuisine. {cat} vous salue.',
    ],
    titles: ['Taxe chat', 'Bonjour de France'],
  },
  {
    code: 'BR',
    weight: 6,
    acceptLanguage: 'pt-BR,pt;q=0.9,en;q=0.7',
    locale: 'en',
    lang: 'pt',
    zones: ['America/Sao_Paulo', 'America/Fortaleza'],
    givenNames: ['Ana', 'Lucas', 'Beatriz', 'Gabriel', 'Juliana'],
    familyNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima'],
    lines: [
      'Olá pessoal! Cheguei agora. Este é o {cat}, meu imposto de gato.',
      'Alguém sabe uma receita boa de bolinho? O {cat} está de olho.',
      'Segundo dia aqui e já estou adorando. Beijos do {cat}.',
    ],
    titles: ['Imposto de gato', 'Oi do Brasil'],
  },
  {
    code: 'MX',
    weight: 4,
    acceptLanguage: 'es-MX,es;q=0.9,en;q=0.6',
    locale: 'es',
    lang: 'es',
    zones: ['America/Mexico_City', 'America/Monterrey'],
    givenNames: ['Sofía', 'Diego', 'Valentina', 'Mateo', 'Camila'],
    familyNames: ['Hernández', 'García', 'Martínez', 'López', 'González'],
    lines: [
      '¡Hola a todos! Soy nueva aquí. Les presento a {cat}, mi impuesto gatuno.',
      '¿Alguien me recomienda recetas de fideos? {cat} quiere probar.',
      'Segundo día aquí y ya me encanta. Saludos de {cat}.',
    ],
    titles: ['Impuesto gatuno', 'Hola desde México'],
  },
  {
    code: 'ES',
    weight: 3,
    acceptLanguage: 'es-ES,es;q=0.9',
    locale: 'es',
    lang: 'es',
    zones: ['Europe/Madrid'],
    givenNames: ['Lucía', 'Pablo', 'Martina', 'Álvaro'],
    familyNames: ['Fernández', 'Ruiz', 'Jiménez', 'Moreno'],
    lines: [
      '¡Hola! Acabo de llegar. Este es {cat}, mi impuesto gatuno.',
      '¿Qué plato chino debería cocinar primero? {cat} vota por el pescado.',
    ],
    titles: ['Impuesto gatuno', 'Hola desde España'],
  },
  {
    code: 'JP',
    weight: 3,
    acceptLanguage: 'ja-JP,ja;q=0.9,en;q=0.6',
    locale: 'ja',
    lang: 'ja',
    zones: ['Asia/Tokyo'],
    givenNames: ['Yuki', 'Haruto', 'Sakura', 'Ren', 'Aoi'],
    familyNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Ito'],
    lines: [
      'はじめまして！新しく来ました。うちの猫の{cat}です。',
      'おすすめの中華料理のレシピを教えてください。{cat}も待っています。',
    ],
    titles: ['猫税です', 'はじめまして'],
  },
  {
    code: 'KR',
    weight: 2,
    acceptLanguage: 'ko-KR,ko;q=0.9,en;q=0.6',
    locale: 'ko',
    lang: 'ko',
    zones: ['Asia/Seoul'],
    givenNames: ['Minjun', 'Seoyeon', 'Jiho', 'Hayoon'],
    familyNames: ['Kim', 'Lee', 'Park', 'Choi'],
    lines: [
      '안녕하세요! 처음 왔어요. 우리 고양이 {cat}입니다.',
      '맛있는 국수 레시피 추천해 주세요. {cat}도 기다려요.',
    ],
    titles: ['고양이 세금', '안녕하세요'],
  },
  {
    code: 'PH',
    weight: 3,
    acceptLanguage: 'en-PH,en;q=0.9,fil;q=0.8',
    locale: 'en',
    lang: 'en',
    zones: ['Asia/Manila'],
    givenNames: ['Andrea', 'Miguel', 'Angel', 'Paolo'],
    familyNames: ['Santos', 'Reyes', 'Cruz', 'Bautista'],
    lines: englishLines,
    titles: ['Hello from Manila', 'Cat tax'],
  },
  {
    code: 'IN',
    weight: 3,
    acceptLanguage: 'en-IN,en;q=0.9,hi;q=0.8',
    locale: 'en',
    lang: 'en',
    zones: ['Asia/Kolkata'],
    givenNames: ['Aarav', 'Priya', 'Rohan', 'Ananya'],
    familyNames: ['Sharma', 'Patel', 'Iyer', 'Gupta'],
    lines: englishLines,
    titles: ['Namaste RedNote', 'Cat tax from India'],
  },
];

/** The community's own people: long-time users in mainland China. */
export const HOME: CountryProfile = {
  code: 'CN',
  weight: 0,
  acceptLanguage: 'zh-CN,zh;q=0.9',
  locale: 'zh-Hans',
  lang: 'zh',
  zones: ['Asia/Shanghai'],
  givenNames: ['小雨', '子涵', '浩然', '欣怡', '一诺', '梓萱'],
  familyNames: ['王', '李', '张', '刘', '陈', '杨'],
  lines: [
    '欢迎新来的朋友们！这是我家的猫{cat}，给大家交个猫税。',
    '今天做了红烧肉，有外国朋友想学吗？{cat}在旁边看着。',
    '分享一个简单的面条做法，{cat}也想吃。',
  ],
  titles: ['猫税', '欢迎新朋友', '今天的晚饭'],
};

export const CAT_NAMES = [
  'Mochi',
  'Tofu',
  'Biscuit',
  'Luna',
  'Pepper',
  'Dumpling',
  'Miso',
  'Nugget',
  'Oreo',
  'Bao',
];
