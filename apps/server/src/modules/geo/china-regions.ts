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
  /** Other spellings seen in geolocation data, matched case-insensitively. */
  aliases: readonly string[];
}

export const CHINA_REGIONS: readonly ChinaRegion[] = [
  { code: 'CN-BJ', en: 'Beijing', zhHans: '北京', aliases: ['Peking'] },
  { code: 'CN-TJ', en: 'Tianjin', zhHans: '天津', aliases: [] },
  { code: 'CN-HE', en: 'Hebei', zhHans: '河北', aliases: [] },
  { code: 'CN-SX', en: 'Shanxi', zhHans: '山西', aliases: [] },
  { code: 'CN-NM', en: 'Inner Mongolia', zhHans: '内蒙古', aliases: ['Nei Mongol', 'Nei Menggu'] },
  { code: 'CN-LN', en: 'Liaoning', zhHans: '辽宁', aliases: [] },
  { code: 'CN-JL', en: 'Jilin', zhHans: '吉林', aliases: [] },
  { code: 'CN-HL', en: 'Heilongjiang', zhHans: '黑龙江', aliases: [] },
  { code: 'CN-SH', en: 'Shanghai', zhHans: '上海', aliases: [] },
  { code: 'CN-JS', en: 'Jiangsu', zhHans: '江苏', aliases: [] },
  { code: 'CN-ZJ', en: 'Zhejiang', zhHans: '浙江', aliases: [] },
  { code: 'CN-AH', en: 'Anhui', zhHans: '安徽', aliases: [] },
  { code: 'CN-FJ', en: 'Fujian', zhHans: '福建', aliases: [] },
  { code: 'CN-JX', en: 'Jiangxi', zhHans: '江西', aliases: [] },
  { code: 'CN-SD', en: 'Shandong', zhHans: '山东', aliases: [] },
  { code: 'CN-HA', en: 'Henan', zhHans: '河南', aliases: [] },
  { code: 'CN-HB', en: 'Hubei', zhHans: '湖北', aliases: [] },
  { code: 'CN-HN', en: 'Hunan', zhHans: '湖南', aliases: [] },
  { code: 'CN-GD', en: 'Guangdong', zhHans: '广东', aliases: ['Canton'] },
  { code: 'CN-GX', en: 'Guangxi', zhHans: '广西', aliases: ['Guangxi Zhuang'] },
  { code: 'CN-HI', en: 'Hainan', zhHans: '海南', aliases: [] },
  { code: 'CN-CQ', en: 'Chongqing', zhHans: '重庆', aliases: [] },
  { code: 'CN-SC', en: 'Sichuan', zhHans: '四川', aliases: [] },
  { code: 'CN-GZ', en: 'Guizhou', zhHans: '贵州', aliases: [] },
  { code: 'CN-YN', en: 'Yunnan', zhHans: '云南', aliases: [] },
  { code: 'CN-XZ', en: 'Tibet', zhHans: '西藏', aliases: ['Xizang'] },
  { code: 'CN-SN', en: 'Shaanxi', zhHans: '陕西', aliases: [] },
  { code: 'CN-GS', en: 'Gansu', zhHans: '甘肃', aliases: [] },
  { code: 'CN-QH', en: 'Qinghai', zhHans: '青海', aliases: [] },
  { code: 'CN-NX', en: 'Ningxia', zhHans: '宁夏', aliases: ['Ningxia Hui'] },
  { code: 'CN-XJ', en: 'Xinjiang', zhHans: '新疆', aliases: ['Xinjiang Uyghur', 'Xinjiang Uygur'] },
  { code: 'CN-HK', en: 'Hong Kong', zhHans: '香港', aliases: ['Hongkong'] },
  { code: 'CN-MO', en: 'Macao', zhHans: '澳门', aliases: ['Macau'] },
  { code: 'CN-TW', en: 'Taiwan', zhHans: '台湾', aliases: [] },
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
