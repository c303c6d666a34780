/**
 * The Japanese word-by-word reading aid: what building kuromoji's tokenizer (its IPADIC
 * dictionary, shipped inside the npm package) costs in time, heap and resident memory, and how
 * long a reading takes. Run with `node --expose-gc --import tsx bench/lang/reading-japanese.ts`
 * (without --expose-gc the memory figures include garbage not yet collected).
 */
import { loadJapaneseTokenizer, readJapanese } from '@atrium/lang';

const MB = 1024 * 1024;
const collect = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
};

collect();
const before = process.memoryUsage();
let peakRss = before.rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const start = performance.now();
const tokenizer = await loadJapaneseTokenizer();
const loadMs = performance.now() - start;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
collect();
const after = process.memoryUsage();

const posts = [
  '私は東京で寿司を食べました。とても美味しかったです！',
  'コンビニでアイスクリームを買って、家で食べた #週末',
  '今日はとても暑いですね 😅 明日は雨らしい',
  '京都の紅葉が本当にきれいでした。また行きたいな〜',
  '新しいカフェでケーキとコーヒーを頼んだよ。店員さんが優しかった',
];
const times: number[] = [];
for (let round = 0; round < 200; round++) {
  for (const post of posts) {
    const t0 = performance.now();
    readJapanese(post, tokenizer);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;

console.log(`load: ${loadMs.toFixed(0)} ms`);
console.log(`heap added: ${((after.heapUsed - before.heapUsed) / MB).toFixed(1)} MB`);
console.log(`resident added (after GC): ${((after.rss - before.rss) / MB).toFixed(1)} MB`);
console.log(`resident peak added (while loading): ${((peakRss - before.rss) / MB).toFixed(1)} MB`);
console.log(
  `reading a post (${posts.length} posts × 200): p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms`,
);
