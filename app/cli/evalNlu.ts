import { runCli } from '../../bot/cli.js';
import path from 'node:path';
import { loadConfig } from '../../bot/config.js';
import { loadCorpus, readLabeledFile } from '../../recognizers/corpus.js';
import { evaluate, type EvaluationReport, type Prediction } from '../../recognizers/evaluation.js';
import { loadOrTrainModel } from '../../recognizers/intentModel.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';

/** Formats a 0..1 figure as a percentage with one decimal. */
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** An intent's most frequent wrong reading and how many of its lines got it ("" when none went wrong). */
function mostConfused(intent: string, predictions: readonly Prediction[]): string {
  const counts = new Map<string, number>();
  for (const p of predictions) {
    if (p.utterance.intent === intent && p.predicted !== intent) counts.set(p.predicted, (counts.get(p.predicted) ?? 0) + 1);
  }
  const [worst] = [...counts].sort((a, b) => b[1] - a[1]);
  return worst ? `${worst[0]} (${worst[1]})` : '';
}

function printReport(file: string, r: EvaluationReport, predictions: readonly Prediction[]): void {
  const out: string[] = [];
  out.push(`${file}: ${r.count} lines`);
  out.push(`overall   accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macroF1)}`);
  // CLINC150's measure: out-of-scope lines must come back `none`, in-scope ones keep their intent.
  const inScope = predictions.filter((p) => p.utterance.intent !== 'none');
  const outOfScope = predictions.filter((p) => p.utterance.intent === 'none');
  const right = (ps: readonly Prediction[]): number => ps.filter((p) => p.predicted === p.utterance.intent).length / Math.max(1, ps.length);
  if (outOfScope.length > 0) out.push(`none      recall ${pct(right(outOfScope))} (${outOfScope.length} lines); the others' accuracy ${pct(right(inScope))} (${inScope.length} lines)`);
  for (const [locale, s] of Object.entries(r.byLocale)) out.push(`${locale.padEnd(9)} accuracy ${pct(s.accuracy)}  macro-F1 ${pct(s.macroF1)}  (${s.count} lines)`);
  out.push('', `${'intent'.padEnd(26)} precision  recall     f1  support  most often read as`);
  for (const [intent, m] of Object.entries(r.byIntent)) {
    out.push(`${intent.padEnd(26)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}  ${mostConfused(intent, predictions)}`);
  }
  out.push('', 'worst confusions (expected → predicted):');
  for (const c of r.confusions) out.push(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}   e.g. ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The argument that evaluates the corpus's own validation split instead of a file. */
const VALIDATION = '--validation';

/**
 * `npm run eval:nlu -- FILE.jsonl|--validation [--json]`: classifies every labeled line (of the
 * file, or of the validation split the model never trained on) with the trained model and prints
 * accuracy and macro-F1 overall and per locale, `none` recall against the others' accuracy, the
 * per-intent table (with each intent's most frequent wrong reading) and the worst confusions; `--json` adds the figures as one JSON object on the last line.
 */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1) {
    process.stderr.write(`usage: npm run eval:nlu -- FILE.jsonl|${VALIDATION} [--json]\n`);
    return 2;
  }
  const file = files[0] === VALIDATION ? 'validation split' : path.resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
  const config = loadConfig();
  const read = files[0] === VALIDATION ? loadCorpus().then((c) => c.validation) : readLabeledFile(file);
  // The validation split is judged by the model that never trained on it; a file, by the model the desk serves.
  const trainedOn = files[0] === VALIDATION ? 'train split' : 'whole corpus';
  const [model, lines] = await Promise.all([loadOrTrainModel(config.MODEL_DIR, { trainedOn }), read]);
  const recognizer = new NlpRecognizer(model);
  const now = new Date();
  const predictions = lines.map((utterance) => ({ utterance, predicted: recognizer.recognizeSync(utterance.text, utterance.locale, now).intent }));
  const report = evaluate(predictions);
  printReport(file, report, predictions);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  return 0;
}

runCli(main);
