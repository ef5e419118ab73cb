// The fuzz driver shared by `npm run fuzz` (full) and the seeded slice in `npm test`.
// Every input goes through lintText with every rule; a failure is an exception escaping
// lintText, a rule that threw (the engine isolates it, but it is still a bug to report), or
// quick fixes whose result parses worse than the input.
import * as fc from 'fast-check';
import { applyFixes, lintText } from '../../server/src/engine';
import { syntaxErrors } from '../harness/rule-tester';
import { rules } from '../../rules';
import { loadCorpus } from './corpus';
import { mutate, prefixes } from './mutations';

export interface FuzzFailure {
  source: string;
  kind: 'threw' | 'rule-error' | 'fix-breaks-parse';
  detail: string;
  input: string;
}

export interface FuzzReport {
  inputs: number;
  /** Inputs with at least one fix, whose fixes were applied and re-parsed. */
  fixedInputs: number;
  failures: FuzzFailure[];
  ms: number;
}

export interface FuzzOptions {
  /** The engine's fix guard (default on); off, every rule's own fixes are checked as they are. */
  fixGuard?: boolean;
}

function check(name: string, text: string, report: FuzzReport, options: FuzzOptions): void {
  report.inputs++;
  try {
    const r = lintText(text, { fileName: name, rules, fixGuard: options.fixGuard });
    for (const e of r.ruleErrors) report.failures.push({ source: name, kind: 'rule-error', detail: `${e.ruleId}: ${e.error}`, input: text });
    // Every fix must parse no worse than the input; in a file that parses, all preferred fixes
    // applied together ("fix all") must still parse.
    const fixes = r.findings.flatMap((f) => f.fixes);
    if (fixes.length) {
      report.fixedInputs++;
      const before = syntaxErrors(text, name);
      for (const fix of fixes) {
        const after = syntaxErrors(applyFixes(text, [fix]).output, name);
        if (after > before) report.failures.push({ source: name, kind: 'fix-breaks-parse', detail: `${before} -> ${after} syntax errors after "${fix.title}"`, input: text });
      }
      if (before === 0) {
        const all = applyFixes(text, r.findings.filter((f) => f.fixes.length).map((f) => f.fixes[0])).output;
        const after = syntaxErrors(all, name);
        if (after > 0) report.failures.push({ source: name, kind: 'fix-breaks-parse', detail: `fix all: 0 -> ${after} syntax errors`, input: text });
      }
    }
  } catch (error) {
    report.failures.push({ source: name, kind: 'threw', detail: String(error), input: text });
  }
}

/**
 * @param budget how many inputs to generate (at least; prefixes of each file come first,
 *               sampled evenly when the budget is small)
 */
export function fuzz(budget: number, seed: number, options: FuzzOptions = {}): FuzzReport {
  const t0 = Date.now();
  const report: FuzzReport = { inputs: 0, fixedInputs: 0, failures: [], ms: 0 };
  const corpus = loadCorpus();
  if (corpus.length === 0) throw new Error('fuzz corpus is empty (examples/ and test/fixtures/)');
  // Half the budget: prefixes at token boundaries, spread over all files.
  const prefixBudget = Math.floor(budget / 2);
  const all = corpus.map((f) => ({ f, cuts: [...prefixes(f.text)] }));
  const totalCuts = all.reduce((n, x) => n + x.cuts.length, 0);
  const stride = Math.max(1, Math.floor(totalCuts / prefixBudget));
  for (const { f, cuts } of all) {
    for (let i = seed % stride; i < cuts.length; i += stride) check(f.name, cuts[i], report, options);
  }
  // The rest: random mutations (1 to 4 stacked) of random corpus files, seeded by fast-check.
  const remaining = Math.max(0, budget - report.inputs);
  const arb = fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer());
  const samples = fc.sample(arb, { numRuns: remaining, seed });
  for (const [fileIndex, depth, mseed] of samples) {
    let s = mseed >>> 0 || 1;
    const random = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 0x100000000;
    };
    let text = corpus[fileIndex].text;
    for (let d = 0; d < depth; d++) text = mutate(text, random);
    check(corpus[fileIndex].name, text, report, options);
  }
  report.ms = Date.now() - t0;
  return report;
}
