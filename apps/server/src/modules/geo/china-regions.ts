/**
 * China's 34 provincial-level divisions, keyed by their ISO 3166-2:CN code. The range data names
 * mainland provinces in English (DB-IP's `state1`, e.g. "Guangdong", "Inner Mongolia", "Tibet");
 * we store the ISO code instead so a change of spelling upstream cannot change stored values.
 * Hong Kong, Macao and Taiwan are listed for completeness: DB-IP gives them their own country
 * codes (HK, MO, TW), so lookups never return them as a region of CN.
 */
export interface ChinaRegion {
  code: string;
  en: string;
  zhHans: string;
  /** Japanese and Korean names (drafted; see the geo README). */
  ja: string;
  ko: string;
  /** Other spellings seen in geolocation data, matched case-insensitively. */
  aliases: readonly string[];
}

export const CHINA_REGIONS: readonly ChinaRegion[] = [
  { code: 'CN-BJ', en: 'Beijing', zhHans: '北京', ja: '北京', ko: '베이징', aliases: ['Peking'] },
  { code: 'CN-TJ', en: 'Tianjin', zhHans: '天津', ja: '天津', ko: '톈진', aliases: [] },
  { code: 'CN-HE', en: 'Hebei', zhHans: '河北', ja: '河北', ko: '허베이', aliases: [] },
  { code: 'CN-SX', en: 'Shanxi', zhHans: '山西', ja: '山西', ko: '산시(山西)', aliases: [] },
  {
    code: 'CN-NM',
    en: 'Inner Mongolia',
    zhHans: '内蒙古',
    ja: '内モンゴル',
    ko: '네이멍구',
    aliases: ['Nei Mongol', 'Nei Menggu'],
  },
  { code: 'CN-LN', en: 'Liaoning', zhHans: '辽宁', ja: '遼寧', ko: '랴오닝', aliases: [] },
  { code: 'CN-JL', en: 'Jilin', zhHans: '吉林', ja: '吉林', ko: '지린', aliases: [] },
  {
    code: 'CN-HL',
    en: 'Heilongjiang',
    zhHans: '黑龙江',
    ja: '黒竜江',
    ko: '헤이룽장',
    aliases: [],
  },
  { code: 'CN-SH', en: 'Shanghai', zhHans: '上海', ja: '上海', ko: '상하이', aliases: [] },
  { code: 'CN-JS', en: 'Jiangsu', zhHans: '江苏', ja: '江蘇', ko: '장쑤', aliases: [] },
  { code: 'CN-ZJ', en: 'Zhejiang', zhHans: '浙江', ja: '浙江', ko: '저장', aliases: [] },
  { code: 'CN-AH', en: 'Anhui', zhHans: '安徽', ja: '安徽', ko: '안후이', aliases: [] },
  { code: 'CN-FJ', en: 'Fujian', zhHans: '福建', ja: '福建', ko: '푸젠', aliases: [] },
  { code: 'CN-JX', en: 'Jiangxi', zhHans: '江西', ja: '江西', ko: '장시', aliases: [] },
  { code: 'CN-SD', en: 'Shandong', zhHans: '山东', ja: '山東', ko: '산둥', aliases: [] },
  { code: 'CN-HA', en: 'Henan', zhHans: '河南', ja: '河南', ko: '허난', aliases: [] },
  { code: 'CN-HB', en: 'Hubei', zhHans: '湖北', ja: '湖北', ko: '후베이', aliases: [] },
  { code: 'CN-HN', en: 'Hunan', zhHans: '湖南', ja: '湖南', ko: '후난', aliases: [] },
  { code: 'CN-GD', en: 'Guangdong', zhHans: '广东', ja: '広東', ko: '광둥', aliases: ['Canton'] },
  {
    code: 'CN-GX',
    en: 'Guangxi',
    zhHans: '广西',
    ja: '広西',
    ko: '광시',
    aliases: ['Guangxi Zhuang'],
  },
  { code: 'CN-HI', en: 'Hainan', zhHans: '海南', ja: '海南', ko: '하이난', aliases: [] },
  { code: 'CN-CQ', en: 'Chongqing', zhHans: '重庆', ja: '重慶', ko: '충칭', aliases: [] },
  { code: 'CN-SC', en: 'Sichuan', zhHans: '四川', ja: '四川', ko: '쓰촨', aliases: [] },
  { code: 'CN-GZ', en: 'Guizhou', zhHans: '贵州', ja: '貴州', ko: '구이저우', aliases: [] },
  { code: 'CN-YN', en: 'Yunnan', zhHans: '云南', ja: '雲南', ko: '윈난', aliases: [] },
  { code: 'CN-XZ', en: 'Tibet', zhHans: '西藏', ja: 'チベット', ko: '티베트', aliases: ['Xizang'] },
  { code: 'CN-SN', en: 'Shaanxi', zhHans: '陕西', ja: '陝西', ko: '산시(陝西)', aliases: [] },
  { code: 'CN-GS', en: 'Gansu', zhHans: '甘肃', ja: '甘粛', ko: '간쑤', aliases: [] },
  { code: 'CN-QH', en: 'Qinghai', zhHans: '青海', ja: '青海', ko: '칭하이', aliases: [] },
  {
    code: 'CN-NX',
    en: 'Ningxia',
    zhHans: '宁夏',
    ja: '寧夏',
    ko: '닝샤',
    aliases: ['Ningxia Hui'],
  },
  {
    code: 'CN-XJ',
    en: 'Xinjiang',
    zhHans: '新疆',
    ja: '新疆',
    ko: '신장',
    aliases: ['Xinjiang Uyghur', 'Xinjiang Uygur'],
  },
  { code: 'CN-HK', en: 'Hong Kong', zhHans: '香港', ja: '香港', ko: '홍콩', aliases: ['Hongkong'] },
  { code: 'CN-MO', en: 'Macao', zhHans: '澳门', ja: 'マカオ', ko: '마카오', aliases: ['Macau'] },
  { code: 'CN-TW', en: 'Taiwan', zhHans: '台湾', ja: '台湾', ko: '대만', aliases: [] },
];

// Suffixes that official and data-vendor spellings add to the bare name.
const NAME_SUFFIX =
  / (province|municipality|autonomous region|special administrative region|sar|shi|sheng|zizhiqu)$/;

function normalizeName(name: string): string {
  let normalized = name.trim().toLowerCase().replace(/\s+/g, ' ');
  for (;;) {
    const stripped = normalized.replace(NAME_SUFFIX, '');
    if (stripped === normalized) return normalized;
    normalized = stripped;
  }
}

const REGIONS_BY_KEY = new Map<string, ChinaRegion>();
for (const region of CHINA_REGIONS) {
  for (const key of [
    region.code,
    region.code.slice(3),
    region.en,
    region.zhHans,
    ...region.aliases,
  ]) {
    REGIONS_BY_KEY.set(normalizeName(key), region);
  }
}

/**
 * Finds a division by ISO code ("CN-GD" or "GD"), English name or alias ("Guangdong",
 * "Xinjiang Uyghur Autonomous Region") or Simplified Chinese name. Null when unknown.
 */
export function findChinaRegion(nameOrCode: string): ChinaRegion | null {
  return REGIONS_BY_KEY.get(normalizeName(nameOrCode)) ?? null;
}
