// The editor features on top of diagnostics: code actions, hover, inlay hints, and the
// commands (rule documentation, fix all). Each answers from the session's lint of the
// document's current text.
import { pathToFileURL } from 'node:url';
import type { CodeActionParams, ExecuteCommandParams, HoverParams, InlayHintParams, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FixParseGuard } from '../engine/fix-guard';
import { docsUrl } from '../engine/rule';
import { ruleDocPath } from '../workspace/package';
import { codeActions, safeFixAll } from './code-actions';
import { hoverAt } from './hover';
import { layerShapeHints } from './inlay-hints';
import { APPLY_FIX_ALL_COMMAND, SHOW_DOCS_COMMAND, type FixAllArguments, type RuleInfo } from './protocol';
import { EMPTY_RESULT, type Session } from './session';

export class Features {
  /** The client runs `command:` links in hovers (the VS Code extension says so at initialize). */
  commandLinks = false;

  constructor(private readonly session: Session) {}

  async codeActions(params: CodeActionParams) {
    const { session } = this;
    const doc = session.documents.get(params.textDocument.uri);
    if (!doc || !session.isLintable(doc)) return [];
    const settings = await session.settingsFor(doc.uri);
    const current = session.documents.get(doc.uri) ?? doc;
    const lint = () => session.lintDocument(current, settings) ?? EMPTY_RESULT;
    let guard: FixParseGuard | undefined | null = null;
    return codeActions({
      doc: current,
      diagnostics: params.context.diagnostics,
      only: params.context.only,
      current: lint,
      guard: () => (guard === null ? (guard = session.fixGuardFor(current, lint())) : guard),
      documentChanges: session.caps.documentChanges,
    });
  }

  async hover(params: HoverParams) {
    const { session } = this;
    const doc = session.documents.get(params.textDocument.uri);
    if (!doc || !session.isLintable(doc)) return null;
    const settings = await session.settingsFor(doc.uri);
    const current = session.documents.get(doc.uri) ?? doc;
    const result = session.lintDocument(current, settings, true);
    return result ? hoverAt(current, current.offsetAt(params.position), result, session.ruleDocs, (id) => this.docLink(id)) : null;
  }

  async inlayHints(params: InlayHintParams) {
    const { session } = this;
    const doc = session.documents.get(params.textDocument.uri);
    if (!doc || !session.isLintable(doc)) return [];
    const settings = await session.settingsFor(doc.uri);
    if (!settings.inlayHints) return [];
    const current = session.documents.get(doc.uri) ?? doc;
    const result = session.lintDocument(current, settings, true);
    return result ? layerShapeHints(current, result.facts, params.range) : [];
  }

  /** Where a hover's documentation link leads: the bundled page in the editor when it can open it, else the web. */
  private docLink(ruleId: string): string {
    if (this.commandLinks) return `command:tfjsLint.showRuleDocumentation?${encodeURIComponent(JSON.stringify([ruleId]))}`;
    return docsUrl(ruleId);
  }

  async executeCommand(params: ExecuteCommandParams): Promise<unknown> {
    if (params.command === SHOW_DOCS_COMMAND) return this.showDocs(params.arguments ?? []);
    if (params.command === APPLY_FIX_ALL_COMMAND) return this.applyFixAll((params.arguments ?? [])[0] as FixAllArguments | undefined);
    return undefined;
  }

  /**
   * Opens a rule's documentation: the page shipped with the package (works offline), else the
   * web page. The VS Code extension handles this command itself to open the Markdown preview.
   */
  private async showDocs(args: unknown[]): Promise<void> {
    const [ruleId, url] = args as [string | undefined, string | undefined];
    const local = ruleId ? ruleDocPath(ruleId) : undefined;
    const target = local ? pathToFileURL(local).href : (url ?? (ruleId ? docsUrl(ruleId) : undefined));
    if (!target) return;
    const { connection, caps } = this.session;
    if (caps.showDocument) await connection.window.showDocument({ uri: target, external: !local });
    else void connection.window.showInformationMessage(`tfjs-lint: documentation for ${ruleId ?? 'the rule'}: ${target}`);
  }

  /** "Fix all auto-fixable problems": every safe fix of the document (what `--fix` applies), as one edit. */
  private async applyFixAll(args: FixAllArguments | undefined): Promise<{ applied: boolean; fixes: number }> {
    const { session } = this;
    const doc = args ? session.documents.get(args.uri) : undefined;
    if (!doc || !session.isLintable(doc)) return { applied: false, fixes: 0 };
    if (args!.version !== undefined && args!.version !== doc.version) return { applied: false, fixes: 0 }; // edited since: the user asks again
    const settings = await session.settingsFor(doc.uri);
    const result = session.lintDocument(doc, settings) ?? EMPTY_RESULT;
    const guard = session.fixGuardFor(doc, result);
    const action = safeFixAll({ doc, diagnostics: [], current: () => result, guard: () => guard, documentChanges: session.caps.documentChanges });
    const edit = action?.edit as WorkspaceEdit | undefined;
    if (!edit) return { applied: false, fixes: 0 };
    const fixes = result.findings.filter((f) => f.fixes.some((fix) => fix.safe)).length;
    if (!session.caps.applyEdit) return { applied: false, fixes };
    const answer = await session.connection.workspace.applyEdit({ label: 'tfjs-lint: fix all auto-fixable problems', edit });
    return { applied: answer.applied, fixes };
  }

  listRules(): RuleInfo[] {
    return this.session.rules.map((r) => ({ id: r.meta.id, description: r.meta.description, docsUrl: docsUrl(r.meta.id) }));
  }
}
