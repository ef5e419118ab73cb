// Findings and notices -> LSP diagnostics. A diagnostic carries its fixes (as LSP edits of
// the version it was computed for) in `data`, so code actions can be rebuilt from it alone.
import { DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine/rule';
import { DIRECTIVE_ID } from '../engine/suppressions';
import type { Finding, Fix, LintResult, Notice } from '../engine/types';

import { SOURCE } from './protocol';

export { SOURCE };

export interface LspFix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
}

export interface DiagnosticData {
  ruleId: string;
  /** The document version the fixes' positions refer to. */
  version: number;
  fixes: LspFix[];
}

/** Notices that deserve a diagnostic: the user should know the file was not (fully) linted. */
const VISIBLE_NOTICES: ReadonlySet<Notice['kind']> = new Set(['skipped', 'timeout']);

export function toDiagnostics(result: LintResult, doc: TextDocument): Diagnostic[] {
  const out: Diagnostic[] = result.findings.map((f) => findingToDiagnostic(f, doc));
  for (const notice of result.notices) {
    if (!VISIBLE_NOTICES.has(notice.kind)) continue;
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: notice.message,
    });
  }
  return out;
}

export function findingToDiagnostic(f: Finding, doc: TextDocument): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, version: doc.version, fixes: f.fixes.map((fix) => toLspFix(fix, doc)) };
  return {
    range: { start: doc.positionAt(f.range.start), end: doc.positionAt(f.range.end) },
    severity: toLspSeverity(f.severity),
    source: SOURCE,
    code: f.ruleId,
    ...(f.ruleId === DIRECTIVE_ID ? {} : { codeDescription: { href: docsUrl(f.ruleId) } }),
    message: f.message,
    data,
  };
}

export function toLspFix(fix: Fix, doc: TextDocument): LspFix {
  return {
    title: fix.title,
    safe: fix.safe,
    edits: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
  };
}

export function toLspSeverity(severity: Finding['severity']): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

/** The data of one of our diagnostics, or undefined for anything else (other servers, notices). */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.ruleId !== 'string' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}
