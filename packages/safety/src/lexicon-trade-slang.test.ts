import { describe, expect, it } from 'vitest';
import { loadDefaultLexicon } from './lexicon.js';
import { compileLexicon } from './matcher.js';

// Trade slang for sexual services and drugs added to the shipped lexicon (sources in the data
// files), and the innocent words around it that must stay innocent.
const matcher = compileLexicon(loadDefaultLexicon());

/** Category and matched text of each match (a Chinese term may be reported in either script). */
const categories = (text: string, kind?: 'handle') =>
  matcher
    .scan(text, kind ? { kind } : undefined)
    .map((m) => `${m.category}:${text.slice(m.start, m.end).toLowerCase()}`);

describe('trade slang in the shipped lexicon', () => {
  it.each([
    ['incall and outcall available', 'adult_services:incall'],
    ['GFE, BBBJ, no rush', 'adult_services:gfe'],
    ['she is new, BBBJ', 'adult_services:bbbj'],
    ['pressed pills and percs, dm', 'drugs:percs'],
    ['got xannies and oxys', 'drugs:xannies'],
    ['carfentanil in stock', 'drugs:carfentanil'],
    ['molly for sale this weekend', 'drugs:molly for sale'],
    ['vendo perico y mota', 'drugs:vendo perico'],
    ['chicas prepago en Medellín', 'adult_services:chicas prepago'],
    ['masajes eróticos a domicilio', 'adult_services:masajes eróticos'],
    ['出售听话水 迷药', 'drugs:听话水'],
    ['依托咪酯 上头电子烟', 'drugs:依托咪酯'],
    ['本地招嫖信息', 'adult_services:招嫖'],
    ['大学生裸贷', 'fraud:裸贷'],
    ['神待ちの子いますか', 'adult_services:神待ち'],
    ['ママ活しませんか', 'adult_services:ママ活'],
    ['JKリフレ 求人', 'adult_services:jkリフレ'],
    ['手押しで渡します', 'drugs:手押し'],
    ['강남 키스방 예약', 'adult_services:키스방'],
    ['립카페 알바', 'adult_services:립카페'],
    ['물뽕 구해요', 'drugs:물뽕'],
  ])('finds %s', (text, expected) => {
    expect(categories(text)).toContain(expected);
  });

  it.each([
    'ice cream for sale at the fair',
    'the crystal glass set, and a percussion class',
    'tarjeta prepago de cincuenta euros',
    'el masaje terapéutico es bueno',
    'mi yayo me cuenta historias',
    '芝麻果仁很好吃',
    '手押し車で運ぶ',
    '키스방법을 알려줘',
    'incallito dal lavoro',
    'la mota de polvo',
  ])('leaves %s alone', (text) => {
    expect(categories(text)).toEqual([]);
  });

  it.each(['the_therapist', 'glockenspiel_kid', 'incallito', 'fire_retardant_co'])(
    'keeps handles with a hidden term innocent: %s',
    (handle) => {
      expect(categories(handle, 'handle')).toEqual([]);
    },
  );
});
