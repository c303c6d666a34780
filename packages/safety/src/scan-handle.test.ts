import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';
import type { LexiconEntry } from './types.js';

const LEXICON: LexiconEntry[] = [
  { term: 'cocaine', category: 'drugs', severity: 'high' },
  { term: 'escorts', category: 'adult_services', severity: 'high' },
  { term: 'escort service', category: 'adult_services', severity: 'high' },
  { term: 'weed', category: 'drugs' },
  { term: 'seaweed', category: 'drugs', allow: true },
  { term: 'cunt', category: 'harassment' },
  { term: 'rape', category: 'harassment', severity: 'high' },
  { term: 'rapist', category: 'harassment', severity: 'high' },
  { term: 'therapist', category: 'harassment', allow: true },
  { term: 'ass', category: 'harassment' },
  { term: 'heroin', category: 'drugs', severity: 'high' },
  { term: 'VX', category: 'fraud' },
];

const matcher = compileLexicon(LEXICON);

function inHandle(handle: string): string[] {
  return matcher
    .scan(handle, { kind: 'handle' })
    .map((m) => `${m.term}=${handle.slice(m.start, m.end)}`);
}

describe('scan with kind: handle', () => {
  it.each([
    ['cocaine4sale', 'cocaine=cocaine'],
    ['escortsnyc', 'escorts=escorts'],
    ['nyc_escorts', 'escorts=escorts'],
    ['buyheroinnow', 'heroin=heroin'],
    ['c0caine_plug', 'cocaine=c0caine'],
    ['weed_4_sale', 'weed=weed'],
    ['weed420', 'weed=weed'],
    ['escort_service', 'escort service=escort_service'],
  ])('finds the term in %s', (handle, expected) => {
    expect(inHandle(handle)).toContain(expected);
  });

  it('reads the same handles as text without finding the terms inside words', () => {
    // What the handle mode adds: as plain text these handles hide their terms.
    expect(matcher.scan('cocaine4sale')).toEqual([]);
    expect(matcher.scan('escortsnyc')).toEqual([]);
    expect(matcher.scan('buyheroinnow')).toEqual([]);
  });

  it.each([
    'scunthorpe_fan',
    'grape_lover',
    'classic_cars',
    'assassin_creed',
    'passport_pro',
    'seaweed_farm',
    'the_therapist',
    'heroine_reads',
    'draper_family',
  ])('leaves the innocent handle %s alone', (handle) => {
    expect(inHandle(handle)).toEqual([]);
  });

  it('reads a one- or two-letter term only between separators, never as part of a code with digits', () => {
    // generated suffixes and codes: the letters next to a digit are not a word
    for (const handle of ['jake_x5vx', 'x5vx_art', 'mia_2vx', 'sam_vx7']) {
      expect(inHandle(handle), handle).toEqual([]);
    }
    // standing alone between separators or at an edge, it still counts
    expect(inHandle('shop_vx')).toEqual(['VX=vx']);
    expect(inHandle('vx.shop')).toEqual(['VX=vx']);
    // longer terms still stand next to digits (leetspeak)
    expect(inHandle('weed420')).toContain('weed=weed');
  });

  it('reports offsets into the handle as written', () => {
    const [match] = matcher.scan('nyc.escorts', { kind: 'handle' });
    expect(match).toMatchObject({ term: 'escorts', start: 4, end: 11 });
  });
});
