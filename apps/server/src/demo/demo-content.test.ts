import { describe, expect, it } from 'vitest';
import { testLocator } from '../../test/helper.js';
import { parseMobileNumber } from '../modules/accounts/phone.js';
import { buildDemoPlan, summarizePlan } from './demo-content.js';
import { demoLanguages } from './demo-texts.js';

const plan = buildDemoPlan();

describe('demo content plan', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(buildDemoPlan()).toEqual(plan);
    expect(buildDemoPlan({ seed: 7 }).notes.map((n) => n.body)).not.toEqual(
      plan.notes.map((n) => n.body),
    );
  });

  it('has about 30 accounts and 150 notes with images, follows, likes and comments', () => {
    const summary = summarizePlan(plan);
    expect(summary.accounts).toBeGreaterThanOrEqual(28);
    expect(summary.accounts).toBeLessThanOrEqual(32);
    expect(summary.notes).toBe(150);
    expect(plan.notes.every((n) => n.images.length >= 1 && n.images.length <= 4)).toBe(true);
    expect(summary.follows).toBeGreaterThan(100);
    expect(summary.likes).toBeGreaterThan(500);
    expect(summary.collects).toBeGreaterThan(50);
    expect(summary.comments).toBeGreaterThan(150);
    expect(summary.replies).toBeGreaterThan(50);
    const aspects = new Set(plan.notes.flatMap((n) => n.images.map((i) => i.aspect)));
    expect([...aspects].sort()).toEqual(['1:1', '3:4', '4:3']);
  });

  it('writes in Chinese, English, Spanish, Japanese and Korean', () => {
    const byLang = new Map<string, number>();
    for (const note of plan.notes) byLang.set(note.lang, (byLang.get(note.lang) ?? 0) + 1);
    for (const lang of demoLanguages) expect(byLang.get(lang) ?? 0).toBeGreaterThanOrEqual(10);
    expect(plan.notes.some((n) => /[\u4e00-\u9fff]/.test(n.body) && n.lang === 'zh-Hans')).toBe(
      true,
    );
    expect(plan.notes.some((n) => /[\u3040-\u30ff]/.test(n.body) && n.lang === 'ja')).toBe(true);
    expect(plan.notes.some((n) => /[\uac00-\ud7af]/.test(n.body) && n.lang === 'ko')).toBe(true);
  });

  it('uses the #tiktokrefugee and #cattax topics, written into the bodies', () => {
    const withTag = (tag: string) =>
      plan.notes.filter((n) => n.tags.includes(tag) && n.body.includes(`#${tag}`));
    expect(withTag('tiktokrefugee').length).toBeGreaterThanOrEqual(10);
    expect(withTag('cattax').length).toBeGreaterThanOrEqual(5);
    expect(withTag('猫税').length).toBeGreaterThanOrEqual(3);
    // hashtags end at a space or the end of the text, whatever the parser's rule for CJK
    for (const note of plan.notes) {
      for (const tag of note.tags) expect(note.body).toMatch(new RegExp(`#${tag}( |$)`));
    }
  });

  it('keeps titles unique and within the limits of the API', () => {
    const titles = plan.notes.flatMap((n) => (n.title ? [n.title] : []));
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBeGreaterThan(100);
    for (const note of plan.notes) {
      expect((note.title ?? '').length).toBeLessThanOrEqual(100);
      expect(note.body.length).toBeLessThanOrEqual(5000);
    }
  });

  it('gives every persona a valid handle, a mobile number and a unique phone', () => {
    const handles = new Set(plan.personas.map((p) => p.handle));
    expect(handles.size).toBe(plan.personas.length);
    const phones = plan.personas.map((p) => parseMobileNumber(p.phone, null));
    expect(new Set(phones).size).toBe(plan.personas.length);
    for (const persona of plan.personas) {
      expect(persona.handle).toMatch(/^[a-z0-9_.]{3,30}$/);
      expect(persona.displayName.length).toBeLessThanOrEqual(40);
      expect(persona.bio.length).toBeLessThanOrEqual(500);
    }
  });

  it("locates every persona's home address in the intended country and province", async () => {
    const locator = await testLocator();
    for (const persona of plan.personas) {
      expect(locator.lookup(persona.ip), persona.handle).toEqual({
        country: persona.country,
        region: persona.region,
      });
    }
    const countries = new Set(plan.personas.map((p) => p.country));
    for (const c of ['CN', 'US', 'BR', 'DE', 'AU', 'JP', 'KR', 'ES', 'MX', 'HK', 'TW']) {
      expect(countries.has(c), c).toBe(true);
    }
  });

  it('orders the steps so that accounts and notes exist before they are used', () => {
    const joined = new Set<number>();
    const posted = new Set<number>();
    const commented = new Set<number>();
    for (const step of plan.steps) {
      if (step.kind === 'signup') {
        joined.add(step.persona);
        continue;
      }
      if (step.kind === 'note') {
        expect(joined.has(plan.notes[step.note]!.author)).toBe(true);
        posted.add(step.note);
        continue;
      }
      expect(joined.has(step.persona)).toBe(true);
      if (step.kind === 'follow') {
        expect(joined.has(step.target)).toBe(true);
        continue;
      }
      expect(posted.has(step.note)).toBe(true);
      if (step.kind === 'comment') commented.add(step.comment);
      if (step.kind === 'reply') expect(commented.has(step.parent)).toBe(true);
    }
    // newcomers join with the wave, after the first locals have posted
    const firstNewcomer = plan.steps.findIndex(
      (s) => s.kind === 'signup' && plan.personas[s.persona]!.newcomer,
    );
    const firstNote = plan.steps.findIndex((s) => s.kind === 'note');
    expect(firstNote).toBeLessThan(firstNewcomer);
  });
});
