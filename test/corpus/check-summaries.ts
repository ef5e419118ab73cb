// `npm run corpus:summaries`: checks the linter's static `--summary --format json` of corpus
// models against tfjs 4.22's own model.layers / model.summary() of the same models. Not part
// of `npm test`: CI has no corpus, and the tfjs side is hand-written per model.
//
// The tfjs side: for each checked model, a standalone snippet written by hand from the corpus
// source (same layers, same configs, same input shapes; values that come from data or other
// files resolved by reading them) that builds the model with tfjs and exports it as `model`.
// The corpus is others' code, so snippets live in the git-ignored corpus folder, never in the
// repository: <corpus>/.summary-checks/<owner+name>/<file>-<line>.js, <line> being the line
// --summary gives. A snippet gets `tf` (real @tensorflow/tfjs, CPU) as a global and from
// require('@tensorflow/tfjs'), and ends with `module.exports.model = model` (or
// `export const model = ...`). Snippets of models that are not fully known are checked too:
// every value the linter states must match, and its `?` cells are listed with tfjs's values.
//
//   npm run corpus:summaries                        30 fully known models, seeded sample (seed 1)
//   npm run corpus:summaries -- --sample 50 --seed 7
//   npm run corpus:summaries -- --all               every fully known model
//   npm run corpus:summaries -- --unknown           also list each `?` of partly known models
//   npm run corpus:summaries -- --corpus /work/main/corpus --repo tfjs-examples
//
// Exit code 1 when a stated value differs from tfjs or a snippet fails; models without a
// snippet are listed (with the path to write) but do not fail the run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs as parseCliArgs } from '../../server/src/cli/args';
import { runSummary } from '../../server/src/cli/summary';
import { runSnippet } from '../harness/run-snippet';
import { modelStatOf } from './report';
import { compareSummaries, modelKeyOfSnippet, rowsAnnounced, seededSample, snippetPathOf, tfjsSummaryOf, type LinterSummary, type TfjsModelLike } from './summary-check';

const root = path.resolve(__dirname, '..', '..', '..');

interface Args {
  corpus: string;
  sample: number;
  seed: number;
  all: boolean;
  unknown: boolean;
  repo?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { corpus: path.join(root, 'corpus'), sample: 30, seed: 1, all: false, unknown: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') args.all = true;
    else if (a === '--unknown') args.unknown = true;
    else if (a === '--corpus' && i + 1 < argv.length) args.corpus = path.resolve(argv[++i]);
    else if (a === '--repo' && i + 1 < argv.length) args.repo = argv[++i];
    else if ((a === '--sample' || a === '--seed') && i + 1 < argv.length && /^\d+$/.test(argv[i + 1])) args[a === '--sample' ? 'sample' : 'seed'] = Number(argv[++i]);
    else return `unknown argument ${a}; usage: npm run corpus:summaries -- [--sample N] [--seed S] [--all] [--unknown] [--repo <substring>] [--corpus <dir>]`;
  }
  return args;
}

interface CorpusModel {
  repo: string;
  /** Path inside the repository, forward slashes. */
  file: string;
  summary: LinterSummary;
  fullyKnown: boolean;
}

const keyOf = (m: { repo: string; file: string; line: number }): string => `${m.repo} ${m.file}:${m.line}`;

/** Every model of one exported repository, as the CLI's `--summary --format json <repo folder>` gives them. */
function summariesOf(corpusDir: string, folder: string): CorpusModel[] {
  const repoDir = path.join(corpusDir, folder);
  const parsed = parseCliArgs(['--summary', '--format', 'json', repoDir]);
  if (!('options' in parsed)) throw new Error(`bad CLI arguments for ${folder}`);
  let out = '';
  runSummary(parsed.options, { cwd: repoDir, out: (t) => void (out += t), err: (t) => process.stderr.write(t) });
  const models = JSON.parse(out) as LinterSummary[];
  return models.map((summary) => {
    const file = path.relative(repoDir, summary.file).split(path.sep).join('/');
    return { repo: folder.replace('+', '/'), file, summary, fullyKnown: modelStatOf(summary, file).fullyKnown };
  });
}

/** Snippet files under the snippets folder, keyed like keyOf. */
function snippetsIn(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const key = modelKeyOfSnippet(path.relative(dir, full));
    if (key) found.set(keyOf(key), full);
  }
  return found;
}

type Outcome = 'match' | 'mismatch' | 'error';

/**
 * One model's snippet run and compared. A fully known summary must match row for row; a partly
 * known one must match wherever it states a value, and may list rows the model lacks or lack
 * rows it has only where its notes say so (rows that may repeat, `?` rows, layers not followed).
 */
async function checkOne(m: CorpusModel, snippet: string, showUnknown: boolean): Promise<{ outcome: Outcome; rowsDiffer: boolean; lines: string[] }> {
  const label = `${keyOf({ ...m, line: m.summary.line })} '${m.summary.model}'`;
  let tfModel: (TfjsModelLike & { dispose(): void }) | undefined;
  try {
    const exports = await runSnippet(fs.readFileSync(snippet, 'utf8'));
    tfModel = (exports.model ?? (exports.default as { model?: unknown } | undefined)?.model) as typeof tfModel;
    if (!tfModel || !Array.isArray(tfModel.layers)) throw new Error('the snippet exports no `model`');
    const { mismatches, unknown, rowDiffs } = compareSummaries(m.summary, tfjsSummaryOf(tfModel));
    const rowsMayDiffer = !m.fullyKnown && rowsAnnounced(m.summary);
    const wrong = rowsMayDiffer ? mismatches : [...rowDiffs, ...mismatches];
    const rows = `${m.summary.layers.length} row${m.summary.layers.length === 1 ? '' : 's'}`;
    const known = m.fullyKnown ? 'fully known' : `partly known: ${unknown.length} ?${rowDiffs.length ? `, ${rowDiffs.length} row${rowDiffs.length === 1 ? '' : 's'} differ${rowDiffs.length === 1 ? 's' : ''}` : ''}`;
    const lines = [`${wrong.length ? 'MISMATCH' : 'match   '}  ${label} (${rows}, ${known})`];
    lines.push(...wrong.map((d) => `            ${d}`));
    if (rowsMayDiffer) lines.push(...rowDiffs.map((d) => `            rows (announced): ${d}`));
    if (showUnknown) lines.push(...unknown.map((d) => `            ? ${d}`));
    return { outcome: wrong.length ? 'mismatch' : 'match', rowsDiffer: rowsMayDiffer && rowDiffs.length > 0, lines };
  } catch (error) {
    return { outcome: 'error', rowsDiffer: false, lines: [`ERROR     ${label}: snippet ${snippet} failed: ${(error as Error).message}`] };
  } finally {
    try {
      tfModel?.dispose();
    } catch {
      // a half-built model: nothing to free
    }
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  if (!fs.existsSync(args.corpus)) {
    process.stdout.write(`No corpus at ${args.corpus} (see \`npm run corpus\`); nothing to check.\n`);
    return 0;
  }
  const snippetsDir = path.join(args.corpus, '.summary-checks');
  const folders = fs
    .readdirSync(args.corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.includes('+') && (!args.repo || d.name.replace('+', '/').toLowerCase().includes(args.repo.toLowerCase())))
    .map((d) => d.name)
    .sort();
  const models: CorpusModel[] = [];
  for (const folder of folders) {
    if (process.stderr.isTTY) process.stderr.write(`summarising ${folder.replace('+', '/')}...${' '.repeat(30)}\r`);
    models.push(...summariesOf(args.corpus, folder));
  }
  if (process.stderr.isTTY) process.stderr.write(`${' '.repeat(100)}\r`);

  const known = models.filter((m) => m.fullyKnown);
  const sample = args.all ? known : seededSample(known, args.sample, args.seed);
  const snippets = snippetsIn(snippetsDir);
  const byKey = new Map(models.map((m) => [keyOf({ ...m, line: m.summary.line }), m]));
  const sampleKeys = new Set(sample.map((m) => keyOf({ ...m, line: m.summary.line })));
  // The sample first, then every other model that has a snippet (e.g. partly known ones).
  const toCheck = [...sampleKeys, ...[...snippets.keys()].filter((k) => !sampleKeys.has(k) && byKey.has(k)).sort()];
  const orphans = [...snippets.keys()].filter((k) => !byKey.has(k)).sort();

  const out: string[] = [];
  const count = { match: 0, mismatch: 0, error: 0, missing: 0, partial: 0, rowsDiffer: 0 };
  const missing: string[] = [];
  for (const key of toCheck) {
    const m = byKey.get(key)!;
    const snippet = snippets.get(key);
    if (!snippet) {
      count.missing++;
      missing.push(`  ${key} '${m.summary.model}' -> ${path.relative(args.corpus, snippetPathOf(snippetsDir, m.repo, m.file, m.summary.line))}`);
      continue;
    }
    const { outcome, rowsDiffer, lines } = await checkOne(m, snippet, args.unknown);
    count[outcome]++;
    if (!m.fullyKnown) count.partial++;
    if (rowsDiffer) count.rowsDiffer++;
    out.push(...lines);
  }
  if (!snippets.size) {
    out.push(`No snippets in ${snippetsDir}. Write one per model (see the top of test/corpus/check-summaries.ts), then run again.`);
  }
  if (missing.length) out.push('', `Sampled models without a snippet (${missing.length}; write them at these paths under ${args.corpus}):`, ...missing);
  if (orphans.length) out.push('', `Snippets that match no model --summary lists now (${orphans.length}; the model moved or is gone):`, ...orphans.map((k) => `  ${k}`));
  out.push(
    '',
    `Fully known models: ${known.length} of ${models.length}; sampled ${sample.length}${args.all ? ' (all)' : ` (seed ${args.seed})`}.`,
    `Checked against tfjs: ${count.match + count.mismatch} (${count.partial} partly known, ${count.rowsDiffer} of them with a row list unlike tfjs's where the summary says it may be): matched ${count.match}, mismatched ${count.mismatch}; snippet errors ${count.error}; sampled without a snippet ${count.missing}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return count.mismatch || count.error ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  },
);
