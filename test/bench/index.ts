import { runConsoleBench } from './consoleBench.js';
import { runDirectLineBench } from './directLineBench.js';
import { runHostileTextBench } from './hostileTextBench.js';
import { machineLine, nowMs, num, out } from './report.js';
import { runNluBench } from './nluBench.js';
import { runRelayBench } from './relayBench.js';
import { runScaleBench } from './scaleBench.js';
import { runStoreBench } from './storeWrites.js';
import { runTrainBench } from './trainBench.js';
import { runTurnsBench } from './turnsBench.js';

/** Every benchmark by the name that runs it alone (`npm run bench -- NAME`). */
const BENCHMARKS: Record<string, { title: string; run: () => Promise<void> }> = {
  turns: { title: 'turn throughput and latency: the desk against a bare echo bot', run: runTurnsBench },
  store: { title: 'store write latency at the demo size and at 10,000 orders', run: runStoreBench },
  train: { title: 'intent model training from scratch: what `npm ci` waits for', run: runTrainBench },
  nlu: { title: 'intent classifier: training, model load, classification latency with entities, memory', run: runNluBench },
  relay: { title: 'handoff relay latency buyer → agent and agent → buyer, with 100 handoffs open at once', run: runRelayBench },
  scale: { title: 'one desk vs two on one PostgreSQL database (lowdb for reference), and +1 contention across desks', run: runScaleBench },
  directline: { title: '200 Web-Chat-like clients over the desk\'s own Direct Line (WebSocket) vs the same turns over /api/messages', run: runDirectLineBench },
  console: { title: 'the managers\' console at 10^5 contacts: import, staffing and volume requests, mining (issue 14: under 200 ms)', run: runConsoleBench },
  hostile: { title: 'every parser on buyer text against hostile inputs at the 2,000-character cut (issue 9)', run: runHostileTextBench },
};

/** Runs the benchmark named on the command line, or all of them, each under a header saying how to run it again. */
async function main(argv: readonly string[]): Promise<number> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0 || wanted.length > 1) {
    out(`usage: npm run bench [-- ${Object.keys(BENCHMARKS).join(' | ')}]  (got: ${argv.join(' ')})`);
    return 2;
  }
  const names = wanted.length === 1 ? wanted : Object.keys(BENCHMARKS);
  out(`machine: ${machineLine()}`);
  for (const name of names) {
    const bench = BENCHMARKS[name]!;
    out();
    out(`=== ${name}: ${bench.title}`);
    out(`    reproduce: npm run bench -- ${name}`);
    out();
    const start = nowMs();
    await bench.run();
    out(`(${name} took ${num((nowMs() - start) / 1000, 1)} s)`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
