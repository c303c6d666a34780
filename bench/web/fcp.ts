// First contentful paint of the discovery page on Chrome's "Fast 3G" network with the CPU slowed
// four times (DevTools' "Fast 3G + 4× CPU" profile), set through the DevTools protocol. Each run
// is a fresh browser context with the cache off: a first visit. Target: under 1.5 s.
//
//   npm run build:web && PORT=3100 DATA_DIR=$(mktemp -d) npm start &   # a server with demo data
//   npx tsx bench/web/fcp.ts --url http://127.0.0.1:3100/ --runs 7
import os from 'node:os';
import { chromium } from 'playwright-core';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) {
  args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1] ?? '');
}
const url = args.get('url') ?? 'http://127.0.0.1:3000/';
const runs = Number(args.get('runs') ?? 7);

// DevTools' "Fast 3G": 1.6 Mbit/s down and 750 kbit/s up at 90 %, 150 ms × 3.75 latency.
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const results: { fcp: number; transferred: number }[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (event) => {
      transferred += event.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // polled: the paint entry is there once the page has painted content
    const fcp = await page
      .waitForFunction(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        null,
        { timeout: 60_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<number>);
    results.push({ fcp, transferred });
    console.log(
      `run ${run + 1}: FCP ${Math.round(fcp)} ms, ${Math.round(transferred / 1024)} KB transferred by load`,
    );
    await context.close();
  }
} finally {
  await browser.close();
}
const sorted = results.map((result) => result.fcp).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `FCP median ${Math.round(median)} ms (min ${Math.round(sorted[0]!)}, max ${Math.round(sorted.at(-1)!)}) over ${runs} runs; ` +
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`,
);
