/**
 * The words of the demo community: titles, body lines, hashtags and comments per language and
 * theme. The generator (`demo-content.ts`) combines them deterministically.
 */

export const demoLanguages = ['zh-Hans', 'en', 'es', 'ja', 'ko'] as const;
export type DemoLanguage = (typeof demoLanguages)[number];

export const demoThemes = [
  'food',
  'travel',
  'cats',
  'tiktokrefugee',
  'study',
  'makeup',
  'pets',
  'city',
] as const;
export type DemoTheme = (typeof demoThemes)[number];

export interface ThemeText {
  titles: string[];
  /** Body paragraphs; a note takes two or three of them. */
  lines: string[];
  /** Always added (without '#'). */
  coreTags: string[];
  /** One or two of these are added. */
  extraTags: string[];
}

type Corpus = Record<DemoLanguage, Partial<Record<DemoTheme, ThemeText>>>;

export const corpus: Corpus = {
  'zh-Hans': {
    food: {
      titles: [
        '广州早茶天花板，虾饺皮薄到透光',
        '人均50吃到撑的宝藏大排档',
        '在家复刻潮汕牛肉火锅，成功了',
        '打工人的一周便当合集',
        '第一次做肠粉，居然没翻车',
        '凌晨两点的烧烤摊才是灵魂',
        '这家老字号云吞面开了三十年',
        '秋天的第一碗糖水',
      ],
      lines: [
        '排队四十分钟，但是值得。',
        '老板娘说汤底熬了八个小时，喝一口就知道不是骗人的。',
        '点了招牌的凤爪和流沙包，流沙包烫嘴但是真的香。',
        '调料一定要放沙茶酱，别问，问就是灵魂。',
        '价格很亲民，两个人吃了不到一百块。',
        '下次还要带爸妈来，他们肯定喜欢。',
        '唯一的缺点是停车不方便，建议坐地铁。',
      ],
      coreTags: ['美食'],
      extraTags: ['广州美食', '探店', '家常菜', '宵夜'],
    },
    travel: {
      titles: [
        '杭州西湖三天两夜，不踩雷攻略',
        '一个人去大理，治愈了我的焦虑',
        '乌镇的夜景比白天美十倍',
        '新疆自驾十天，每一帧都是壁纸',
        '黄山看日出，凌晨四点起床值不值？',
        '厦门小众海边，人少景美',
        '第一次坐绿皮火车去西藏',
      ],
      lines: [
        '住在湖边的民宿，早上推开窗就是雾气。',
        '建议避开周末，人实在太多了。',
        '路线：第一天市区，第二天山里，第三天慢慢逛吃。',
        '拍照最好的时间是傍晚六点左右，光线很温柔。',
        '当地的阿姨特别热情，还送了我们自己种的橘子。',
        '总花费不到两千，学生党也可以冲。',
      ],
      coreTags: ['旅行'],
      extraTags: ['旅行攻略', '周末去哪儿', '小众景点', '拍照'],
    },
    cats: {
      titles: [
        '交猫税了！我家橘猫又胖了',
        '猫咪霸占键盘的第一百天',
        '领养的小黑猫第一次主动求摸',
        '猫主子的一天：睡觉、吃饭、拆家',
        '给猫做了生日蛋糕，它只舔了一口',
        '来自外国网友的猫税，我也来交一份',
        '三花妹妹学会开门了怎么办',
      ],
      lines: [
        '听说新来的朋友们要先交猫税，我先来。',
        '每天早上六点准时踩脸叫早，比闹钟还准。',
        '体检一切正常，医生说就是有点胖。',
        '它最喜欢的玩具是快递盒子，猫爬架根本不看一眼。',
        '第三张是它偷看我吃饭的样子，眼神太真诚了。',
        '评论区请大家也交一下猫税！',
      ],
      coreTags: ['猫税'],
      extraTags: ['cattax', '橘猫', '铲屎官日常', '萌宠'],
    },
    tiktokrefugee: {
      titles: [
        '欢迎美国朋友们！这里是小红书使用指南',
        '一夜之间首页全是外国网友，太好玩了',
        '和美国网友互相补作业的一天',
        '帮新朋友们翻译一下常用网络用语',
        '外国网友问我：中国人真的每天吃饺子吗？',
        '今天用英语回了三十条评论，口语进步了',
      ],
      lines: [
        '大家好！Welcome! 有什么问题可以在评论区问我。',
        '“猫税”就是发你家猫的照片，这是这里的规矩。',
        '他们帮我改英语作文，我帮他们看中文，很公平。',
        'yyds = 永远的神，绝绝子 = 太棒了，记住这两个就够了。',
        '感觉大家其实都差不多，都爱猫、爱美食、讨厌上班。',
        '希望这份友谊能一直持续下去。',
      ],
      coreTags: ['tiktokrefugee'],
      extraTags: ['欢迎新朋友', '中美网友', 'cattax', '学英语'],
    },
    study: {
      titles: [
        '考研倒计时100天，我的时间表',
        '图书馆学习vlog：专注十个小时',
        '英语口语从零到流利，我做对了这三件事',
        '备考雅思两个月，7分上岸经验',
        '手账排版分享：一周计划怎么写',
        '大学四年最后悔没早点知道的学习方法',
      ],
      lines: [
        '早上七点到图书馆，先背一小时单词。',
        '番茄钟真的有用：学25分钟，休息5分钟。',
        '错题本一定要做，考前翻一遍比做新题有用。',
        '每天跟读一篇新闻，一个月后明显感觉舌头顺了。',
        '不要和别人比进度，按自己的节奏来。',
        '附上我的书单，需要的朋友可以收藏。',
      ],
      coreTags: ['学习'],
      extraTags: ['考研', '自律', '学习方法', '学英语'],
    },
    makeup: {
      titles: [
        '黄黑皮的救星口红，显白不挑人',
        '通勤五分钟快速妆容',
        '平价替代大牌的眼影盘合集',
        '干皮冬天底妆不卡粉的秘诀',
        '第一次尝试欧美妆，室友说像换了个人',
      ],
      lines: [
        '先用保湿喷雾打底，再薄涂粉底液，会服帖很多。',
        '这支口红的颜色在自然光下特别温柔。',
        '眼影用指腹上色，比刷子显色。',
        '全部都是学生党也买得起的价格。',
        '卸妆一定要彻底，皮肤状态才会越来越好。',
      ],
      coreTags: ['美妆'],
      extraTags: ['口红试色', '化妆教程', '平价好物'],
    },
    pets: {
      titles: [
        '柯基的屁股到底有多可爱',
        '带狗狗第一次去海边',
        '养了一只仓鼠，每天都被治愈',
        '金毛学会了自己叼拖鞋',
      ],
      lines: [
        '它见到海浪的时候先是害怕，后来玩得根本不想走。',
        '每天遛两次，一次半小时，体重终于控制住了。',
        '训练要有耐心，零食奖励很重要。',
        '最喜欢它睡着时候打小呼噜的样子。',
        '领养代替购买，它们都值得一个家。',
      ],
      coreTags: ['萌宠'],
      extraTags: ['狗狗日常', '铲屎官日常', '领养代替购买'],
    },
    city: {
      titles: [
        '上海下班后的city walk路线',
        '青岛老城区的红瓦绿树',
        '深夜的外滩，终于没有人了',
        '成都人的周末：喝茶、打牌、晒太阳',
        '北京胡同里的咖啡店合集',
        '地铁通勤一小时，我学会了这些事',
      ],
      lines: [
        '从武康路出发，一路走到安福路，大概两个小时。',
        '梧桐树下的老房子，每一栋都有故事。',
        '傍晚的光打在墙上，随手一拍就是大片。',
        '城市再大，也要给自己留一点慢下来的时间。',
        '推荐穿舒服的鞋，因为真的会走很多路。',
        '路边的小店比网红店更有味道。',
      ],
      coreTags: ['城市漫步'],
      extraTags: ['citywalk', '上海', '青岛', '周末去哪儿'],
    },
  },
  en: {
    tiktokrefugee: {
      titles: [
        'My first post here! Hello from Ohio',
        'Day 3 on RedNote and I already love it',
        'Paying my cat tax as a TikTok refugee',
        'Things I learned from my new Chinese friends this week',
        'Who else moved here in January? Roll call',
        'I came for the memes, stayed for the food tips',
        'Learning Mandarin because of this app, update 1',
        'Nobody warned me the comment sections are this wholesome',
      ],
      lines: [
        'Everyone has been so welcoming, I did not expect that at all.',
        'Someone fixed my grammar and then sent me a dumpling recipe. Perfect trade.',
        'I am told the rule is: new arrivals pay the cat tax. Fair.',
        'Still figuring out the app, so please be patient with me.',
        'My goal this month: learn enough Chinese to order noodles without pointing.',
        'It turns out we all complain about rent and love our pets. Who knew.',
        '你好! That is the one phrase I am confident about so far.',
      ],
      coreTags: ['tiktokrefugee'],
      extraTags: ['cattax', 'hellofromUSA', 'learningchinese', 'newhere'],
    },
    cats: {
      titles: [
        'Cat tax: my tabby judging my cooking',
        'She sleeps in the sink and I do not ask questions',
        'Rescue kitten, week two: officially in charge',
        'The cat tax collector has arrived',
        'My orange boy discovered the heated blanket',
      ],
      lines: [
        'Fourteen pounds of pure attitude.',
        'He knocked my phone off the table while I was taking this photo.',
        'Adopted from the shelter last spring, best decision I ever made.',
        'Her favorite toy is a hair tie. We bought her forty dollars of toys.',
        'Drop your cat tax below, I want to see everyone.',
        'Yes, he is allowed on the counter. No, I did not agree to that.',
      ],
      coreTags: ['cattax'],
      extraTags: ['catsofrednote', '猫税', 'adoptdontshop'],
    },
    food: {
      titles: [
        'I tried making hand-pulled noodles from a video here',
        'Ohio potluck meets Sichuan pepper',
        'Sunday dim sum at home, attempt number two',
        'My grandma\u2019s cornbread, by request',
        'Street food in Hong Kong, one night, six stops',
        'Breakfast tacos vs jianbing: a friendly comparison',
      ],
      lines: [
        'The dough was a disaster the first time. The second time, pure joy.',
        'Numbing and spicy at the same time is a whole new feeling.',
        'Recipe in the comments if anyone wants it.',
        'A lot of you asked for the recipe, so here it is, more or less.',
        'Total cost was under twenty dollars and it fed five people.',
        'Next week I am attempting soup dumplings, wish me luck.',
      ],
      coreTags: ['food'],
      extraTags: ['homecooking', '美食', 'foodie', 'recipe'],
    },
    travel: {
      titles: [
        'Sydney harbour at golden hour',
        'Two weeks in Japan on a budget',
        'Finally booked my first trip to China',
        'Hiking the Blue Mountains, no filter',
        'São Paulo weekend: markets, murals, coffee',
        'A rainy week in Berlin and I loved it',
      ],
      lines: [
        'Caught the ferry right as the sun went down.',
        'Packed too much, as usual. Next time, one bag.',
        'The visa-free transit made it so much easier than I expected.',
        'Locals pointed me to a noodle shop with no sign. Best meal of the trip.',
        'Bring good shoes. Trust me.',
        'Any tips from people who live there? Please comment!',
      ],
      coreTags: ['travel'],
      extraTags: ['旅行', 'travelguide', 'backpacking', 'weekendtrip'],
    },
    study: {
      titles: [
        'Learning Chinese with memes: week four',
        'My flashcard routine for tones',
        'I passed HSK 2!',
        'Language exchange partners wanted (EN for ZH)',
        'Tones are hard and I will not give up',
      ],
      lines: [
        'Ten minutes a day, every day, beats three hours on Sunday.',
        'Reading comments here is secretly the best practice.',
        'My partner corrects my characters and I correct their idioms.',
        'Second tone and third tone still sound the same to me. Help.',
        'Sharing my deck in case it helps anyone.',
      ],
      coreTags: ['learningchinese'],
      extraTags: ['学中文', 'languageexchange', 'studygram'],
    },
    pets: {
      titles: [
        'My golden retriever met snow for the first time',
        'Foster puppy update: he found a home',
        'The bunny has opinions about lettuce',
      ],
      lines: [
        'He ran in circles for ten minutes straight.',
        'Fostering is hard but saying goodbye to a happy dog is worth it.',
        'If you have room in your home, consider fostering.',
        'She only eats the crunchy part. Royalty.',
      ],
      coreTags: ['pets'],
      extraTags: ['dogsofrednote', '萌宠', 'adoptdontshop'],
    },
    city: {
      titles: [
        'Hong Kong from the Peak, before the fog rolled in',
        'Mong Kok at night is pure energy',
        'Berlin flea markets on a Sunday',
      ],
      lines: [
        'The neon signs are slowly disappearing, so I photograph every one I find.',
        'Milk tea in one hand, camera in the other.',
        'Every neighborhood feels like a different city.',
        'Best way to see the city: the top deck of the tram.',
      ],
      coreTags: ['citylife'],
      extraTags: ['citywalk', 'hongkong', 'berlin', 'streetphotography'],
    },
  },
  es: {
    tiktokrefugee: {
      titles: [
        'Llegué aquí por lo de TikTok y me quedo',
        'Mi primera semana en RedNote: resumen',
        'Pagando el impuesto gatuno como manda la tradición',
        'Aprendiendo chino con amigos de Guangzhou',
      ],
      lines: [
        '¡Hola a todos desde México! Todos han sido muy amables conmigo.',
        'No entiendo casi nada todavía, pero el traductor hace magia.',
        'Me dijeron que los nuevos tenemos que pagar el impuesto gatuno.',
        'Lo mejor: las recetas que me están compartiendo.',
        'Gracias por la bienvenida, de verdad.',
      ],
      coreTags: ['tiktokrefugee'],
      extraTags: ['cattax', 'holadesdemexico', 'aprendiendochino'],
    },
    food: {
      titles: [
        'Tacos al pastor caseros, receta de mi abuela',
        'Tortilla de patatas: ¿con o sin cebolla?',
        'Probé los dumplings por primera vez',
        'Mercado de San Juan: lo que tienes que probar',
        'Churros con chocolate para este frío',
      ],
      lines: [
        'La clave está en marinar la carne toda la noche.',
        'Con cebolla, siempre. No acepto discusión.',
        'Salieron un poco feos, pero sabían increíbles.',
        'Si vas, llega temprano porque se llena rapidísimo.',
        'Receta completa en los comentarios.',
        'Mi familia ya me pidió que los haga cada domingo.',
      ],
      coreTags: ['comida'],
      extraTags: ['recetas', 'foodie', '美食', 'cocinacasera'],
    },
    travel: {
      titles: [
        'Granada al atardecer desde el Mirador de San Nicolás',
        'Un fin de semana en Oaxaca',
        'Barcelona sin turistas: barrios que no conocías',
        'Mi ruta por el norte de España',
      ],
      lines: [
        'La Alhambra con la luz del atardecer no parece real.',
        'Comí mole tres veces al día y no me arrepiento.',
        'Gràcia y Poblenou son perfectos para pasear con calma.',
        'Consejo: reserva con tiempo, sobre todo en verano.',
        'Cada pueblo tenía su propia fiesta, qué suerte tuvimos.',
      ],
      coreTags: ['viajes'],
      extraTags: ['旅行', 'españa', 'mexico', 'viajarbarato'],
    },
    cats: {
      titles: [
        'Impuesto gatuno: Michi duerme en mi teclado',
        'Adopté a una gatita negra y me cambió la vida',
        'Mis dos gatos peleando por una caja',
      ],
      lines: [
        'No puedo trabajar, pero tampoco puedo moverla.',
        'Dicen que los gatos negros traen mala suerte. A mí me trajo alegría.',
        'Compramos una cama carísima y prefieren la caja de Amazon.',
        'Dejen sus impuestos gatunos en los comentarios.',
      ],
      coreTags: ['cattax'],
      extraTags: ['gatos', '猫税', 'michis'],
    },
    pets: {
      titles: [
        'Mi perro conoció el mar',
        'Rescatamos a un cachorro en la carretera',
        'El loro de mi abuela ya habla más que yo',
      ],
      lines: [
        'Corrió hacia las olas y luego huyó de ellas, cien veces.',
        'Ahora está sano, vacunado y durmiendo en mi cama.',
        'Adopta, no compres.',
        'Aprendió a decir mi nombre antes que mi sobrino.',
      ],
      coreTags: ['mascotas'],
      extraTags: ['perros', 'adoptanocompres', '萌宠'],
    },
    makeup: {
      titles: ['Maquillaje natural para el día a día', 'Probé productos de belleza chinos'],
      lines: [
        'Cinco productos y diez minutos, nada más.',
        'El rubor en crema es mi nuevo favorito.',
        'Me sorprendió la calidad por el precio.',
      ],
      coreTags: ['maquillaje'],
      extraTags: ['belleza', '美妆'],
    },
  },
  ja: {
    food: {
      titles: [
        '東京で一番好きなラーメン屋さん',
        '朝ごはんは卵かけご飯派です',
        '京都の老舗で抹茶パフェ',
        'お弁当作り、一週間の記録',
        '下町の喫茶店でナポリタン',
      ],
      lines: [
        'スープまで全部飲んでしまいました。',
        '並んだけど、その価値は十分ありました。',
        'シンプルだけど、毎日食べても飽きない味です。',
        '店主さんがとても優しくて、また行きたいです。',
        '写真だと伝わらないけど、本当に美味しかった。',
      ],
      coreTags: ['グルメ'],
      extraTags: ['東京グルメ', '美食', '朝ごはん'],
    },
    travel: {
      titles: [
        '雨の日の鎌倉もいいね',
        '北海道で初めてのスノーボード',
        '奈良の鹿に囲まれた',
        '夜の新宿をフィルムカメラで',
      ],
      lines: [
        '紫陽花がちょうど見頃でした。',
        '人が少ない朝の時間帯がおすすめです。',
        '鹿せんべいを持っていると、すぐに囲まれます。',
        'フィルムの色って、やっぱり特別。',
      ],
      coreTags: ['旅行'],
      extraTags: ['東京', '国内旅行', 'フィルムカメラ'],
    },
    cats: {
      titles: ['うちの猫、今日も箱の中', '猫税を納めます', '保護猫を迎えて一年が経ちました'],
      lines: [
        'どんなに高いベッドを買っても、段ボールが一番らしい。',
        '海外のみなさんも猫が好きで嬉しい。',
        '最初は隠れてばかりだったのに、今は膝の上で寝ています。',
        '毎朝五時に起こされます。',
      ],
      coreTags: ['猫のいる暮らし'],
      extraTags: ['cattax', '猫税', '保護猫'],
    },
    city: {
      titles: ['東京の路地裏散歩', '渋谷の夕焼け', '中目黒の桜、夜桜編'],
      lines: [
        '大通りから一本入るだけで、まるで別の街。',
        '仕事帰りにふと見上げたら、空がピンク色でした。',
        'ライトアップされた桜が川に映ってとてもきれい。',
      ],
      coreTags: ['東京'],
      extraTags: ['散歩', '街歩き', 'citywalk'],
    },
    study: {
      titles: ['中国語の勉強、三か月目', '英語の日記を毎日書いてみた'],
      lines: [
        '声調がむずかしいけど、少しずつ聞き取れるようになってきた。',
        'コメント欄で中国の方が発音を教えてくれました。',
        '完璧じゃなくても、続けることが大事。',
      ],
      coreTags: ['勉強垢'],
      extraTags: ['中国語', '語学学習'],
    },
  },
  ko: {
    food: {
      titles: [
        '서울 을지로 노포 맛집 투어',
        '집에서 만든 떡볶이, 성공!',
        '망원시장 먹방 코스',
        '비 오는 날엔 역시 칼국수',
      ],
      lines: [
        '웨이팅이 길었지만 기다린 보람이 있었어요.',
        '떡은 쫄깃하고 소스는 달콤하게 매워요.',
        '가격도 착하고 양도 정말 많아요.',
        '다음엔 친구들이랑 같이 오고 싶어요.',
        '레시피는 댓글에 남길게요.',
      ],
      coreTags: ['맛집'],
      extraTags: ['서울맛집', '美食', '먹스타그램'],
    },
    makeup: {
      titles: [
        '데일리 메이크업 10분 완성',
        '겨울 건성 피부 베이스 꿀팁',
        '요즘 제일 자주 쓰는 립 컬러',
      ],
      lines: [
        '보습 크림을 충분히 바르고 시작하면 들뜨지 않아요.',
        '자연광에서 보면 색이 더 예뻐요.',
        '학생도 부담 없는 가격이에요.',
        '클렌징은 꼼꼼하게 하는 게 제일 중요해요.',
      ],
      coreTags: ['메이크업'],
      extraTags: ['뷰티', '美妆', '데일리룩'],
    },
    city: {
      titles: ['성수동 카페 거리 산책', '한강에서 라면 먹는 저녁', '서울 야경 명소 추천'],
      lines: [
        '오래된 공장 건물이 카페로 바뀐 곳이 많아요.',
        '해 질 무렵 한강은 언제 봐도 좋아요.',
        '남산타워보다 낙산공원이 덜 붐벼요.',
        '편한 신발은 필수예요.',
      ],
      coreTags: ['서울'],
      extraTags: ['서울여행', 'citywalk', '산책'],
    },
    study: {
      titles: ['중국어 공부 100일 기록', '도서관에서 하루 10시간 공부하기'],
      lines: [
        '매일 단어 30개씩 외우고 있어요.',
        '뽀모도로 타이머가 정말 도움이 돼요.',
        '여기서 중국 친구들이 많이 도와줘요.',
      ],
      coreTags: ['공부'],
      extraTags: ['중국어공부', '스터디'],
    },
    tiktokrefugee: {
      titles: ['미국 친구들이 많이 왔네요, 환영해요!', '틱톡 난민들과 고양이 세금'],
      lines: [
        '요즘 댓글창이 영어, 중국어, 한국어로 가득해요.',
        '다들 고양이 사진부터 올리는 게 너무 귀여워요.',
        '언어는 달라도 통하는 게 신기해요.',
      ],
      coreTags: ['tiktokrefugee'],
      extraTags: ['cattax', '환영합니다'],
    },
  },
};

/** Short comments anyone might leave, per language, plus theme-specific ones. */
export const commentPool: Record<
  DemoLanguage,
  { generic: string[]; themed: Partial<Record<DemoTheme, string[]>> }
> = {
  'zh-Hans': {
    generic: [
      '太好看了吧！',
      '已收藏，下次去试试',
      '求地址！',
      '哈哈哈哈笑死我了',
      '楼主拍照技术好好',
      '这个我也想要',
      '看饿了……',
      '同款！',
    ],
    themed: {
      cats: ['猫税已收到，批准通过！', '这个小胖脸我可以', '我家的也一模一样'],
      tiktokrefugee: [
        '欢迎欢迎！Welcome to 小红书!',
        'Your Chinese is great! 加油！',
        '猫税收到了😂',
      ],
      food: ['看起来好香', '周末就去！', '做法可以分享一下吗？'],
      travel: ['记下了，明年去', '这是哪里呀？好美'],
    },
  },
  en: {
    generic: [
      'This is so good!',
      'Saving this for later',
      'Wait, where is this?',
      'I love this so much',
      'The colors!!',
      'Same energy as my Monday',
      'Okay now I want to go',
    ],
    themed: {
      cats: ['Cat tax accepted', 'Look at that face', 'Mine does the exact same thing'],
      tiktokrefugee: ['Welcome!! You will love it here', 'Hello from Texas, also new here!'],
      food: ['Recipe please!', 'I am so hungry now'],
      study: ['加油! You got this', 'Tones are the worst, hang in there'],
    },
  },
  es: {
    generic: [
      '¡Qué bonito!',
      'Me encanta',
      'Guardado para después',
      '¿Dónde es esto?',
      'Necesito ir ya',
      'Jajaja qué buena',
    ],
    themed: {
      cats: ['¡Impuesto gatuno aceptado!', 'Qué michi tan precioso'],
      tiktokrefugee: ['¡Bienvenida! Aquí todos somos nuevos', 'Saludos desde Madrid'],
      food: ['¡Qué rico se ve!', 'Pásame la receta porfa'],
    },
  },
  ja: {
    generic: ['素敵です！', '行ってみたい！', '保存しました', 'いいですね〜', '写真がきれい'],
    themed: {
      cats: ['かわいすぎる…', '猫税ありがとうございます'],
      food: ['美味しそう！', 'お腹すいてきた'],
    },
  },
  ko: {
    generic: ['너무 예뻐요!', '저장했어요', '여기 어디예요?', '대박', '가보고 싶어요'],
    themed: {
      cats: ['고양이 세금 잘 받았습니다', '너무 귀여워요ㅠㅠ'],
      food: ['맛있겠다!', '레시피 궁금해요'],
    },
  },
};

/** What an author answers to comments, per language. */
export const replyPool: Record<DemoLanguage, string[]> = {
  'zh-Hans': ['谢谢喜欢～', '哈哈是的！', '地址私信你啦', '一定要去试试！', 'Thank you! 欢迎常来'],
  en: ['Thank you!!', 'Haha right?', 'Will post the recipe soon', 'Thanks for the welcome!'],
  es: ['¡Gracias!', 'Jajaja sí', '¡Tienes que ir!', 'Mañana subo la receta'],
  ja: ['ありがとうございます！', 'ぜひ行ってみてください', 'うれしいです'],
  ko: ['감사합니다!', '꼭 가보세요!', '헤헤 맞아요'],
};
