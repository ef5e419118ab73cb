// Code actions for tfjs-lint diagnostics: the rule's preferred fix, "fix all <rule>
// problems", "disable <rule> for this line" and "for this file", "show documentation", and the
// `source.fixAll.tfjs-lint` kind that applies only safe fixes (for codeActionsOnSave).
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes } from '../engine/fixes';
import { docsUrl } from '../engine/rule';
import { hostKindOf, scriptBlocks } from '../engine/script-blocks';
import type { Fix, Finding, LintResult } from '../engine/types';
import type { FixParseGuard } from '../engine/fix-guard';
import { diagnosticData, SOURCE } from './diagnostics';
import { DIRECTIVE_ID } from '../engine/suppressions';

import { SHOW_DOCS_COMMAND } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tfjs-lint`;

export interface CodeActionRequest {
  doc: TextDocument;
  /** Diagnostics the client sent in the request's context. */
  diagnostics: Diagnostic[];
  /** Kinds the client asked for; undefined means "whatever applies". */
  only?: string[];
  /** Lint of the document's current text, for the actions that span the whole file. */
  current: () => LintResult;
  /**
   * When the document has syntax errors: the check of its fixes, made here rather than by the
   * lint (the server lints with `fixGuard: false`). A fix is offered only if it parses no worse.
   */
  guard?: () => FixParseGuard | undefined;
  /** The client understands versioned `documentChanges`. */
  documentChanges: boolean;
}

export function codeActions(req: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(req.only, CodeActionKind.QuickFix)) {
    const seenRules = new Set<string>();
    const seenDisabled = new Set<string>();
    for (const diagnostic of req.diagnostics) {
      const data = diagnosticData(diagnostic);
      if (!data) continue;
      // Fixes computed for an older version point at stale positions; new diagnostics are on their way.
      if (data.version === req.doc.version) {
        const guard = req.guard?.();
        const offered = guard ? data.fixes.filter((fix) => guard.keepsOutput(TextDocument.applyEdits(req.doc, fix.edits))) : data.fixes;
        offered.forEach((fix, i) => {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: i === 0,
            edit: workspaceEdit(req, fix.edits),
          });
        });
      }
      if (!seenRules.has(data.ruleId)) {
        seenRules.add(data.ruleId);
        const fixAll = fixAllForRule(req, data.ruleId);
        if (fixAll) actions.push(fixAll);
      }
      if (data.ruleId === DIRECTIVE_ID) continue; // a comment about a disable comment: its fix removes it
      if (!sharesLineWithMarkup(req.doc, diagnostic)) actions.push(disableForLine(req, diagnostic, data.ruleId));
      if (!seenDisabled.has(data.ruleId)) {
        seenDisabled.add(data.ruleId);
        const forFile = disableForFile(req, diagnostic, data.ruleId);
        if (forFile) actions.push(forFile);
      }
      actions.push({
        title: `Show documentation for ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${data.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [data.ruleId, docsUrl(data.ruleId)] },
      });
    }
  }
  if (req.only && wants(req.only, FIX_ALL_KIND)) {
    const action = safeFixAll(req);
    if (action) actions.push(action);
  }
  return actions;
}

/** Does the `only` filter admit `kind`? A request for `source` admits `source.fixAll.tfjs-lint`. */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function fixAllForRule(req: CodeActionRequest, ruleId: string): CodeAction | undefined {
  const fixes = req.current().findings.filter((f) => f.ruleId === ruleId).map((f) => firstFix(req, f, () => true)).filter((f): f is Fix => f !== undefined);
  if (fixes.length < 2) return undefined; // one problem: its own quick fix says it
  const edits = nonOverlappingEdits(req, fixes);
  return {
    title: `Fix all ${ruleId} problems in this file`,
    kind: CodeActionKind.QuickFix,
    edit: workspaceEdit(req, edits),
  };
}

/** The safe fixes only: what `--fix` and fix-on-save apply unattended. */
export function safeFixAll(req: CodeActionRequest): CodeAction | undefined {
  const safe = req.current().findings.map((f) => firstFix(req, f, (fix) => fix.safe)).filter((f): f is Fix => f !== undefined);
  if (safe.length === 0) return undefined;
  return { title: 'Fix all safe tfjs-lint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(req, nonOverlappingEdits(req, safe)) };
}

/** A finding's first fix that `wanted` takes and that the guard, if any, keeps. */
function firstFix(req: CodeActionRequest, f: Finding, wanted: (fix: Fix) => boolean): Fix | undefined {
  const guard = f.fixes.length > 0 ? req.guard?.() : undefined;
  return f.fixes.find((fix) => wanted(fix) && (!guard || guard.keeps(fix)));
}

/** The engine's own rule for overlapping fixes (first come, first served), as LSP edits. */
function nonOverlappingEdits(req: CodeActionRequest, fixes: Fix[]): TextEdit[] {
  const { applied } = applyFixes(req.doc.getText(), fixes);
  return applied.flatMap((fix) =>
    fix.edits.map((e) => ({ range: { start: req.doc.positionAt(e.start), end: req.doc.positionAt(e.end) }, newText: e.newText })),
  );
}

/**
 * In an HTML, Vue or Svelte file, a problem on the line of its `<script>` tag: a comment line
 * above it would land in the markup, so "disable for this line" is not offered.
 */
function sharesLineWithMarkup(doc: TextDocument, diagnostic: Diagnostic): boolean {
  if (hostKindOf(doc.uri) === undefined) return false;
  const { line, character } = diagnostic.range.start;
  return /<script\b/i.test(lineAt(doc, line).slice(0, character));
}

const NEXT_LINE_COMMENT = /^(\s*)\/\/\s*tfjs-lint-disable-next-line\b(.*)$/;

/**
 * Inserts `// tfjs-lint-disable-next-line <rule>` above the line, indented like it. When the
 * line above already is such a comment, the rule joins its list: a second comment line would
 * itself become the line the first one suppresses.
 */
function disableForLine(req: CodeActionRequest, diagnostic: Diagnostic, ruleId: string): CodeAction {
  const { doc } = req;
  const line = diagnostic.range.start.line;
  const lineText = lineAt(doc, line);
  const title = `Disable ${ruleId} for this line`;
  const previous = line > 0 ? NEXT_LINE_COMMENT.exec(lineAt(doc, line - 1)) : null;
  let edit: TextEdit;
  if (previous) {
    const prevText = lineAt(doc, line - 1);
    const reasonAt = prevText.indexOf('--', prevText.indexOf('tfjs-lint-disable-next-line'));
    const listEnd = reasonAt >= 0 ? prevText.slice(0, reasonAt).trimEnd().length : prevText.trimEnd().length;
    edit = { range: { start: { line: line - 1, character: listEnd }, end: { line: line - 1, character: listEnd } }, newText: `, ${ruleId}` };
  } else {
    const indent = /^\s*/.exec(lineText)![0];
    const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
    edit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// tfjs-lint-disable-next-line ${ruleId}${eol}` };
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(req, [edit]) };
}

/**
 * Inserts `/* tfjs-lint-disable <rule> *\/` as the file's first line (after a `#!` line), or
 * adds the rule to such a comment already there. In an HTML, Vue or Svelte file the comment
 * goes at the start of the first `<script>` block (above it, it would be page text).
 */
function disableForFile(req: CodeActionRequest, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
  const { doc } = req;
  const text = doc.getText();
  const host = hostKindOf(doc.uri);
  let at: number;
  if (host) {
    const block = scriptBlocks(text, host)[0];
    if (!block) return undefined;
    at = block.start;
  } else {
    at = text.startsWith('#!') ? doc.offsetAt({ line: 1, character: 0 }) : 0;
  }
  const existing = BLOCK_START_COMMENT.exec(text.slice(at));
  let edit: TextEdit;
  if (existing && existing[2].split('--')[0].trim() !== '') {
    const comment = existing[0];
    const reasonAt = comment.indexOf('--');
    const listEnd = (reasonAt >= 0 ? comment.slice(0, reasonAt) : comment.slice(0, comment.lastIndexOf('*/'))).trimEnd().length;
    const position = doc.positionAt(at + listEnd);
    edit = { range: { start: position, end: position }, newText: `, ${ruleId}` };
  } else {
    const eol = host ? '' : text.includes('\r\n') ? '\r\n' : '\n';
    const position = doc.positionAt(at);
    edit = { range: { start: position, end: position }, newText: `/* tfjs-lint-disable ${ruleId} */${eol}` };
  }
  return { title: `Disable ${ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(req, [edit]) };
}

/** A file-wide disable comment at the start of the code (its first line, or a block's start). */
const BLOCK_START_COMMENT = /^([ \t]*)\/\*\s*tfjs-lint-disable\b([^*]*)\*\//;

function lineAt(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

function workspaceEdit(req: CodeActionRequest, edits: TextEdit[]): WorkspaceEdit {
  const { uri, version } = req.doc;
  return req.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

export { SOURCE };
