/**
 * What the metrics cost on the request path: the time of the calls a request makes into
 * lib/metrics.ts (one `observeRequest`, and one `observeQuery` plus one `observePoolWait` per
 * statement), measured alone over many calls. Run: `npx tsx bench/feed/metrics-overhead.ts`.
 */
import {
  observePoolWait,
  observeQuery,
  observeRequest,
} from '../../apps/server/src/lib/metrics.js';

const CALLS = 2_000_000;
const routes = Array.from({ length: 60 }, (_, index) => `/api/route-${index}/:id`);
const statuses = [200, 200, 200, 304, 404, 500];

function time(name: string, run: (index: number) => void): void {
  for (let index = 0; index < CALLS / 10; index += 1) run(index); // warm-up
  // CPU time, not wall time: on a shared machine the wall clock counts other people's work too
  const started = process.cpuUsage();
  for (let index = 0; index < CALLS; index += 1) run(index);
  const used = process.cpuUsage(started);
  const ns = ((used.user + used.system) * 1000) / CALLS;
  console.log(`${name}: ${ns.toFixed(0)} ns of CPU per call`);
}

time('observeRequest', (index) =>
  observeRequest('GET', routes[index % 60]!, statuses[index % 6]!, (index % 100) / 1000),
);
time('observeQuery + observePoolWait', (index) => {
  observeQuery((index % 50) / 10, false);
  observePoolWait(0.01);
});
