import { afterAll, describe, expect, it } from 'vitest';
import { CJK_FONT, renderTextImage, type TextLine } from '../../../test/fixtures/text-images.js';
import { checkContent } from '../screening/content-check.js';
import { shippedRules, shippedRulesProvider } from '../screening/safety-rules.js';
import type { MediaBox, MediaFinding } from './media-check.js';
import { createOcrChecker, findingsOfLines, ruleRegionActions } from './ocr-check.js';
import { closeOcrEngine, ocrEngineLoaded } from './ocr-engine.js';

// The OCR check on pictures rendered here: disguised lures (a WeChat "加V" lure, a drug sale, a
// messenger handle, a lure split over two lines) and innocent text, in several fonts, sizes,
// colours and small rotations over a noisy photo-like background. The models load once for the
// file, on the first check.

const WIDTH = 800;
const HEIGHT = 600;
const checker = createOcrChecker({ rules: shippedRulesProvider });
afterAll(closeOcrEngine);

async function check(lines: TextLine[], seed: number): Promise<MediaFinding[]> {
  const bytes = await renderTextImage({ width: WIDTH, height: HEIGHT, lines, seed });
  return checker.check({ bytes, width: WIDTH, height: HEIGHT, ownerId: 'owner' });
}

/** Whether a found box covers where a line was drawn (its start) and nothing far from it. */
function coversLine(box: MediaBox | undefined, line: TextLine): boolean {
  if (!box) return false;
  const startX = line.x + line.size / 2;
  const midY = line.y - line.size / 3;
  return (
    box.x <= startX &&
    box.x + box.width >= startX &&
    box.y <= midY &&
    box.y + box.height >= midY &&
    box.y >= line.y - 2 * line.size &&
    box.y + box.height <= line.y + line.size
  );
}

const innocentZh: TextLine = {
  text: '今天的晚餐是番茄炒蛋和米饭',
  x: 60,
  y: 520,
  size: 30,
  font: CJK_FONT,
  color: '#1b1b1b',
};

// Loading the models takes seconds, many more on a busy machine.
describe('the OCR checker', { timeout: 120_000 }, () => {
  it('does not load the models until it checks an image', () => {
    createOcrChecker({ rules: shippedRulesProvider });
    expect(ocrEngineLoaded()).toBe(false);
  });

  it('finds a "加V" contact lure with its box and the policy actions, and leaves the innocent line out', async () => {
    const lure: TextLine = {
      text: '好物分享 加V看主页',
      x: 80,
      y: 140,
      size: 42,
      font: CJK_FONT,
      color: '#c0102a',
      rotate: -4,
      bold: true,
    };
    const findings = await check([lure, innocentZh], 101);
    expect(ocrEngineLoaded()).toBe(true);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ checker: 'ocr', category: 'fraud', ruleId: 'fraud' });
    expect(finding!.action).toBe('review');
    expect(coversLine(finding!.box, lure)).toBe(true);
    expect(String(finding!.detail.text)).toContain('加V');
    expect(finding!.detail.lines).toHaveLength(1);
    expect(finding!.score).toBeGreaterThan(0.5);
  });

  it('finds a drug sale in a Latin font with the stricter per-country actions', async () => {
    const lure: TextLine = {
      text: 'cocaine for sale, DM me',
      x: 60,
      y: 300,
      size: 36,
      font: 'DejaVu Serif',
      color: '#ffffff',
      rotate: 3,
    };
    const findings = await check([lure, innocentZh], 202);
    expect(findings.map((finding) => finding.category)).toEqual(['drugs']);
    const [finding] = findings;
    expect(finding!.ruleId).toBe('drugs.hard');
    expect(coversLine(finding!.box, lure)).toBe(true);
    // the shipped policy blocks hard drugs in the STRICT_DRUG_LAWS countries
    expect(finding!.regionActions?.SG).toBe('block');
    expect(finding!.regionActions?.US).toBeUndefined();
  });

  it('finds a messenger handle written small in a sans font', async () => {
    const lure: TextLine = {
      text: 'LINE: sweet_77',
      x: 420,
      y: 90,
      size: 24,
      font: 'Liberation Sans',
      color: '#003070',
    };
    const findings = await check([lure], 303);
    expect(findings.map((finding) => finding.category)).toEqual(['fraud']);
    expect(coversLine(findings[0]!.box, lure)).toBe(true);
  });

  it('finds a lure split over two lines, with a box around both', async () => {
    const first: TextLine = {
      text: '私聊 加',
      x: 100,
      y: 220,
      size: 40,
      font: CJK_FONT,
      color: '#202020',
    };
    const second: TextLine = { ...first, text: '微信 领取福利', y: 290 };
    const findings = await check([first, second], 404);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.category).toBe('fraud');
    expect(finding!.detail.lines).toHaveLength(2);
    expect(finding!.box!.y).toBeLessThan(first.y - first.size / 2);
    expect(finding!.box!.y + finding!.box!.height).toBeGreaterThan(second.y);
  });

  it('flags nothing in innocent text in several scripts, fonts and colours', async () => {
    const findings = await check(
      [
        innocentZh,
        {
          text: 'Weekend market: fresh bread and coffee',
          x: 40,
          y: 100,
          size: 34,
          font: 'Liberation Serif',
          color: '#2a2a60',
          rotate: 2,
        },
        {
          text: 'Receta de pan casero, paso a paso',
          x: 40,
          y: 220,
          size: 30,
          font: 'DejaVu Sans',
          color: '#f5f5f5',
        },
        {
          text: '周末去公园散步，天气很好',
          x: 40,
          y: 360,
          size: 36,
          font: CJK_FONT,
          color: '#600020',
          rotate: -3,
        },
      ],
      505,
    );
    expect(findings).toEqual([]);
  });

  // Hangul and kana are read by the second engine (Tesseract's Korean and Japanese models) on
  // the lines the first could not read.
  it.each([
    ['대마초 판매', 34, -5, '#1d2b53'],
    ['카톡 gnfty101 연락주세요', 28, 4, '#7a0019'],
    ['コカイン販売中', 36, 3, '#0b3d20'],
    ['大麻 売ります', 40, -2, '#d0102a'],
  ] as const)('finds the Korean or Japanese lure %s', async (text, size, rotate, color) => {
    const lure: TextLine = { text, x: 70, y: 200, size, font: CJK_FONT, color, rotate };
    const innocent: TextLine = {
      text: text.match(/[\uac00-\ud7af]/) ? '오늘 저녁은 김치찌개' : '今日は公園を散歩しました',
      x: 60,
      y: 420,
      size: 32,
      font: CJK_FONT,
      color: '#202020',
    };
    const expected = checkContent(shippedRules(), { body: text }).topCategory;
    expect(expected).not.toBeNull();
    const findings = await check([lure, innocent], 606 + size);
    const finding = findings.find((candidate) => candidate.category === expected);
    expect(finding, JSON.stringify(findings)).toBeDefined();
    // on the lure's line (a handle read by the first engine may be a box of its own within it)
    // and never on the innocent one
    const onLine = (box: MediaBox | undefined, line: TextLine) =>
      box !== undefined &&
      box.y < line.y + line.size * 0.6 &&
      box.y + box.height > line.y - line.size * 1.6;
    expect(onLine(finding!.box, lure), JSON.stringify(finding!.box)).toBe(true);
    expect(findings.every((candidate) => !onLine(candidate.box, innocent))).toBe(true);
  });

  it('flags nothing in innocent Korean and Japanese text', async () => {
    const lines: TextLine[] = [
      '모든 인간은 태어날 때부터 자유로우며',
      '주말에 친구와 카페에서 책을 읽었다',
      'すべての人間は、生まれながらにして自由であり',
      'きょうは雨なので家でパンを焼きました',
    ].map((text, index) => ({
      text,
      x: 40,
      y: 110 + 130 * index,
      size: 30 + 3 * index,
      font: CJK_FONT,
      color: index % 2 ? '#0050d0' : '#3b1f5c',
      rotate: index % 2 ? 3 : -2,
    }));
    expect(await check(lines, 707)).toEqual([]);
  });

  it('refuses to pass an image it cannot decode (the pipeline then asks a human)', async () => {
    await expect(
      checker.check({ bytes: Buffer.from('not an image'), width: 1, height: 1, ownerId: 'owner' }),
    ).rejects.toThrow();
  });
});

describe('per-country actions of a fired rule', () => {
  it('expands region groups to countries, keeps a country entry first and drops the default', () => {
    const policy = { regionGroups: { EU: ['DE', 'FR'], STRICT: ['SG', 'FR'] } } as never;
    expect(
      ruleRegionActions(
        { default: 'review', EU: 'withhold', STRICT: 'block', DE: 'review' },
        policy,
      ),
    ).toEqual({ FR: 'block', SG: 'block' });
    expect(ruleRegionActions({ default: 'label' }, policy)).toBeUndefined();
  });
});

describe('text as the recognizer gives it', () => {
  const box = { x: 10, y: 20, width: 300, height: 30 };
  const read = (...texts: string[]) =>
    findingsOfLines(
      shippedRules(),
      texts.map((text, index) => ({ text, confidence: 0.9, box: { ...box, y: 20 + 40 * index } })),
    );

  it.each(['call(212)555-0147now', 'LINE:sweet_77', 'cocaineforsale'])(
    'finds the lure in %s, whose spaces the recognizer dropped',
    (text) => {
      const findings = read(text);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings[0]!.box).toEqual(box);
    },
  );

  it.each(['Open 9am-5pm, closed Sundays', 'Room 12B, floor 3', 'Tel Aviv(2019)trip'])(
    'leaves %s alone',
    (text) => {
      expect(read(text)).toEqual([]);
    },
  );
});
