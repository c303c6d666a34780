/**
 * The word-by-word reading aid: what loading CC-CEDICT costs (time, heap, resident memory) and
 * how long a reading takes. Run with `node --expose-gc --import tsx bench/lang/reading.ts`
 * (without --expose-gc the memory figures include garbage not yet collected).
 */
import { loadCedict, readChinese } from '@atrium/lang';

const MB = 1024 * 1024;
const collect = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
};

collect();
const before = process.memoryUsage();
const start = performance.now();
const dictionary = await loadCedict();
const loadMs = performance.now() - start;
const peakRss = process.memoryUsage().rss;
collect();
const after = process.memoryUsage();

const posts = [
  '我家的猫特别喜欢晒太阳，一躺就是一下午。#猫咪日常',
  "今天去了 Trader Joe's 买了很多 snacks 好开心",
  '成都一日游攻略：早上吃钟水饺，中午去宽窄巷子，晚上看川剧变脸。',
  '這本書的翻譯品質真的很差，不推薦給大家',
  '先炒蛋再炒番茄，最后加一点糖提鲜。简单又下饭！#美食 #家常菜',
];
const times: number[] = [];
for (let round = 0; round < 200; round++) {
  for (const post of posts) {
    const t0 = performance.now();
    readChinese(post, dictionary);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;

console.log(`entries: ${dictionary.size}`);
console.log(`load: ${loadMs.toFixed(0)} ms`);
console.log(`heap added: ${((after.heapUsed - before.heapUsed) / MB).toFixed(1)} MB`);
console.log(`resident added (after GC): ${((after.rss - before.rss) / MB).toFixed(1)} MB`);
console.log(`resident peak added (while parsing): ${((peakRss - before.rss) / MB).toFixed(1)} MB`);
console.log(
  `reading a post (${posts.length} posts × 200): p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms`,
);
