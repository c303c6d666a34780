import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';

// Thai terms with the language an operator's list gives them: whole words, found with the
// Thai dictionary segmenter since Thai is written without spaces between words.
const matcher = compileLexicon([
  { term: 'น้ําแตก', category: 'adult_services', lang: 'th' },
  { term: 'หํา', category: 'harassment', lang: 'th' },
  { term: 'กู', category: 'harassment', lang: 'th' },
  { term: 'หี', category: 'harassment', lang: 'th' },
  { term: 'ดอกทอง', category: 'harassment', lang: 'th' },
]);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

// "of all members of the human family", with a term put in after "members" (สมาชิก).
const before = 'ของบรรดาสมาชิก';
const after = 'ทั้งหลายแห่งครอบครัวมนุษย์';

describe('Thai terms between words written without spaces', () => {
  it('finds a term spelled with NIKHAHIT + SARA AA, in that spelling and with SARA AM', () => {
    expect(found(`${before}น้ําแตก ${after}`)).toEqual(['น้ําแตก=น้ําแตก']);
    expect(found(`${before}น้ำแตก ${after}`)).toEqual(['น้ําแตก=น้ำแตก']);
    expect(found(`${before}หํา ${after}`)).toEqual(['หํา=หํา']);
  });

  it('finds a term whose first letter repeats the last letter of the word before it', () => {
    expect(found(`${before}กู ${after}`)).toEqual(['กู=กู']);
  });

  it('finds a term disguised with foreign combining marks or separators', () => {
    const zalgo = 'ด̹̇ͬอͨก͚ท̊อͧง̬͋';
    expect(found(`${before}${zalgo} ${after}`)).toEqual([`ดอกทอง=${zalgo}`]);
    expect(found(`${before}ด-อ-ก-ท-อ-ง ${after}`)).toContain('ดอกทอง=ด-อ-ก-ท-อ-ง');
  });

  it('does not find a term inside a longer Thai word', () => {
    expect(found('เก็บของไว้ในหีบ')).toEqual([]); // หีบ: a chest
    expect(found('ผมชอบดอกทองกวาว')).toEqual([]); // ดอก|ทองกวาว: the flame-of-the-forest flower
  });
});
