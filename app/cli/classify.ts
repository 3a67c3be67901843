import { runCli } from '../../bot/cli.js';
import { loadConfig } from '../../bot/config.js';
import { SUPPORTED_LOCALES, type Locale } from '../../data/shopSchema.js';
import { loadOrTrainModel } from '../../recognizers/intentModel.js';
import { detectLanguage, supportedLocale } from '../../recognizers/language.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';

/** `npm run classify -- "TEXT" [--locale zh-CN]`: prints the recognition result of one message as JSON. */
async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--locale');
  const localeArg = at >= 0 ? argv[at + 1] : undefined;
  const texts = at < 0 ? argv : argv.filter((_, i) => i !== at && i !== at + 1);
  // npm may hand a quoted message over as several words: they are one message.
  if (texts.length === 0 || (at >= 0 && !localeArg)) {
    process.stderr.write('usage: npm run classify -- "TEXT" [--locale zh-CN|en-US]\n');
    return 2;
  }
  const text = texts.join(' ');
  const locale: Locale | undefined = localeArg === undefined ? detectLanguage(text) ?? 'zh-CN' : supportedLocale(localeArg);
  if (!locale) {
    process.stderr.write(`--locale must be one of ${SUPPORTED_LOCALES.join(', ')}\n`);
    return 2;
  }
  const model = await loadOrTrainModel(loadConfig().MODEL_DIR);
  const result = new NlpRecognizer(model).recognizeSync(text, locale);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

runCli(main);
