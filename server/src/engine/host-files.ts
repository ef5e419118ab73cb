// Linting an HTML, Vue or Svelte file: each `<script>` block is linted as a script of its own
// (script-blocks.ts finds them), and its findings, fixes and facts are moved back into the host
// file's offsets and lines. A fix whose edits would leave its block is dropped: fixes never
// touch the markup. In an HTML page a block that neither imports tfjs nor follows a
// `<script src>` that loads it is not linted: its `tf` is not known to be tfjs.
import { lintScript, type LintOptions } from './linter';
import { scriptBlocks, type HostKind, type ScriptBlock } from './script-blocks';
import type { Finding, Fix, LintResult, Position, ShapeFact } from './types';

export function lintHostText(text: string, options: LintOptions, kind: HostKind): LintResult {
  const result: LintResult = { findings: [], notices: [], facts: [], ruleErrors: [], analyzed: false };
  let lines: LineIndex | undefined; // made for the first block linted: most pages have none
  const started = Date.now();
  for (const block of scriptBlocks(text, kind)) {
    const code = text.slice(block.start, block.end);
    if (!block.tfLoaded && !code.includes('@tensorflow/tfjs')) continue;
    const spent = Date.now() - started;
    const blockResult = lintScript(code, {
      ...options,
      fileName: `${options.fileName}${block.extension}`,
      timeBudgetMs: options.timeBudgetMs !== undefined ? Math.max(1, options.timeBudgetMs - spent) : undefined,
    });
    result.analyzed ||= blockResult.analyzed;
    const at = (lines ??= new LineIndex(text)).positionAt(block.start);
    for (const f of blockResult.findings) result.findings.push(moveFinding(f, block, at, code.length));
    for (const fact of blockResult.facts) result.facts.push(moveFact(fact, block));
    for (const n of blockResult.notices) result.notices.push({ ...n, message: `<script> at line ${at.line}: ${n.message}` });
    result.ruleErrors.push(...blockResult.ruleErrors);
    for (const key of ['dependencies', 'importersRead', 'pagesRead'] as const) {
      if (blockResult[key]) result[key] = [...new Set([...(result[key] ?? []), ...blockResult[key]])].sort();
    }
  }
  result.findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return result;
}

function moveFinding(f: Finding, block: ScriptBlock, at: Position, length: number): Finding {
  return {
    ...f,
    range: { start: f.range.start + block.start, end: f.range.end + block.start },
    start: movePosition(f.start, at),
    end: movePosition(f.end, at),
    fixes: f.fixes.filter((fix) => fix.edits.every((e) => e.start >= 0 && e.end <= length && e.start <= e.end)).map((fix) => moveFix(fix, block)),
  };
}

function moveFix(fix: Fix, block: ScriptBlock): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + block.start, end: e.end + block.start })) };
}

function moveFact(fact: ShapeFact, block: ScriptBlock): ShapeFact {
  return { ...fact, range: { start: fact.range.start + block.start, end: fact.range.end + block.start } };
}

/** A 1-based position inside a block, as a position in the host (the block starts at `at`). */
function movePosition(p: Position, at: Position): Position {
  return p.line === 1 ? { line: at.line, column: at.column + p.column - 1 } : { line: at.line + p.line - 1, column: p.column };
}

/** 1-based lines and columns of offsets, with TypeScript's line breaks (\r\n, \r, \n, U+2028, U+2029). */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
