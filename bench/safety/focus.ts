/**
 * The accuracy parts of `public.ts` for @atrium/safety alone, without the peers' builds and the
 * timing windows: recall per disguise class, false positives with the detected language and
 * without one, and the Scunthorpe traps. A quick check while working on the matcher; figures for
 * bench/RESULTS.md come from `public.ts`.
 *
 *   npx tsx bench/safety/focus.ts [--recall] [--fp] [--traps] [--json FILE]   (default: all three)
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compileLexicon } from '../../packages/safety/src/index.js';
import { authorLanguages, reliableLanguageOf } from './author-language.js';
import { splitIndex, splitSpans } from './innocent-split.js';
import { allProfanity, mintFilter } from './peers.js';
import { loadUdhrLanguages, primaryOf } from './public-corpora.js';
import { PUBLIC_DISGUISES } from './public-disguises.js';
import { languagesOf, loadPublicLexicon } from './public-lexicons.js';
import { buildRecallCases, pickCarriers } from './public-recall.js';
import { pct, Tally } from './report.js';
import { findTraps, NAMED_CHINESE_TRAPS } from './traps.js';

const SEED = 20261205;
const args = process.argv.slice(2);
const all = !args.some((a) => a === '--recall' || a === '--fp' || a === '--traps');
const want = (flag: string): boolean => all || args.includes(flag);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const out: Record<string, unknown> = {};
const log = (text = ''): void => console.log(text);

const languageOf = reliableLanguageOf;

const lexicon = loadPublicLexicon();
const udhr = loadUdhrLanguages();
const ours = compileLexicon(lexicon.entries);
const detect = (text: string): boolean => ours.scan(text).length > 0;
log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);

if (want('--recall')) {
  const peers = [mintFilter(lexicon.entries), allProfanity(lexicon.entries)];
  const langs = languagesOf(lexicon);
  const carriers = pickCarriers(
    langs.map(([l]) => l),
    udhr,
    (text) => !detect(text),
    (text) => 1 + peers.filter((p) => p.detect(text)).length,
  );
  const cases = buildRecallCases(lexicon.terms, carriers, 100, SEED);
  const hit = new Tally();
  const total = new Tally();
  const misses: string[] = [];
  for (const c of cases) {
    if (detect(carriers.get(c.lang)?.base ?? '')) continue;
    total.add(c.disguise);
    if (detect(c.text)) hit.add(c.disguise);
    else misses.push(`${c.disguise} ${c.lang}: ${c.term} → ${c.variant}`);
  }
  log('\nrecall per class:');
  for (const k of Object.keys(PUBLIC_DISGUISES))
    log(`  ${k}: ${pct(hit.get(k), total.get(k))} (${total.get(k)})`);
  out.misses = misses;
}

if (want('--fp')) {
  const index = splitIndex(lexicon.terms);
  const perLang = new Map<
    string,
    { passages: number; fp: number; fpNone: number; fpAuthor: number }
  >();
  const terms = new Tally();
  const kinds = new Tally();
  const details: string[] = [];
  let fp = 0;
  let fpNone = 0;
  let fpAuthor = 0;
  const authorTerms = new Tally();
  let paragraphs = 0;
  for (const u of udhr) {
    const lang = primaryOf(u.tag);
    const row = perLang.get(lang) ?? { passages: 0, fp: 0, fpNone: 0, fpAuthor: 0 };
    perLang.set(lang, row);
    const decide = authorLanguages(u.paragraphs);
    for (const [at, text] of u.paragraphs.entries()) {
      paragraphs++;
      row.passages++;
      const detected = languageOf(text);
      const scoped = ours.scan(text, { lang: detected });
      if (scoped.length > 0) {
        const byspan = splitSpans(text, lang, scoped, index);
        if (byspan.kind !== 'own-language word') {
          fp++;
          row.fp++;
          terms.add(byspan.term);
          kinds.add(byspan.kind);
          details.push(
            `${u.tag}\t${detected ?? 'none'}\t${byspan.kind}\t${byspan.term}\t${byspan.span}\t${scoped.map((m) => `${m.term}@${m.start}:${text.slice(Math.max(0, m.start - 12), m.end + 12)}`).join(' | ')}`,
          );
        }
      }
      const decided = decide(at, detected);
      const asDecided = decided === detected ? scoped : ours.scan(text, { lang: decided });
      if (asDecided.length > 0) {
        const byspan = splitSpans(text, lang, asDecided, index);
        if (byspan.kind !== 'own-language word') {
          fpAuthor++;
          row.fpAuthor++;
          authorTerms.add(byspan.term);
        }
      }
      const plain = ours.scan(text);
      if (plain.length > 0 && splitSpans(text, lang, plain, index).kind !== 'own-language word') {
        fpNone++;
        row.fpNone++;
      }
    }
  }
  const over = [...perLang].filter(([, r]) => r.fp / r.passages > 0.01);
  log(
    `\nfalse positives with the detected language: ${fp} (${pct(fp, paragraphs)}), ${over.length} of ${perLang.size} languages above 1 %; without a language: ${fpNone} (${pct(fpNone, paragraphs)}), ${[...perLang].filter(([, r]) => r.fpNone / r.passages > 0.01).length} above 1 %`,
  );
  const overAuthor = [...perLang].filter(([, r]) => r.fpAuthor / r.passages > 0.01);
  log(
    `with the author's language where the detected one is not reliable: ${fpAuthor} (${pct(fpAuthor, paragraphs)}), ${overAuthor.length} languages above 1 %: ${overAuthor
      .sort((a, b) => b[1].fpAuthor / b[1].passages - a[1].fpAuthor / a[1].passages)
      .slice(0, 40)
      .map(([l, r]) => `${l} ${pct(r.fpAuthor, r.passages)}`)
      .join(', ')}`,
  );
  log(
    `  terms: ${[...authorTerms.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  log(`  by class: ${[...kinds.counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  log(
    `  worst: ${over
      .sort((a, b) => b[1].fp / b[1].passages - a[1].fp / a[1].passages)
      .slice(0, 30)
      .map(([l, r]) => `${l} ${pct(r.fp, r.passages)}`)
      .join(', ')}`,
  );
  log(
    `  terms: ${[...terms.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  out.fp = details;
  out.perLang = Object.fromEntries(perLang);
}

if (want('--traps')) {
  const traps = findTraps(lexicon.terms, 200, SEED);
  let flagged = 0;
  let tested = 0;
  const lines: string[] = [];
  for (const set of traps) {
    const hits = set.traps.filter((t) => detect(t.word));
    flagged += hits.length;
    tested += set.traps.length;
    log(`  ${set.lang}/${set.script}: ${hits.length} of ${set.traps.length}`);
    for (const t of hits) {
      const m = ours.scan(t.word);
      lines.push(
        `${set.lang}/${set.script}\t${t.word} ← ${t.term}\t${m.map((x) => x.term).join(',')}`,
      );
    }
  }
  const named = NAMED_CHINESE_TRAPS.filter(detect).length;
  log(`\ntraps: ${flagged} of ${tested}; named: ${named} of ${NAMED_CHINESE_TRAPS.length}`);
  for (const l of lines) log(`  ${l}`);
  out.traps = lines;
}

if (jsonFile) writeFileSync(jsonFile, JSON.stringify(out, null, 1));
log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
