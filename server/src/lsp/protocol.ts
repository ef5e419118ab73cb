// tfjs-lint's own requests and commands on top of LSP. The VS Code client imports this module
// (it has no imports of its own, so the client bundle takes nothing else from the server).
export const LINT_WORKSPACE_REQUEST = 'tfjsLint/lintWorkspace';
export const LIST_RULES_REQUEST = 'tfjsLint/rules';
/** workspace/executeCommand: open a rule's doc page; arguments `[ruleId, url?]`. */
export const SHOW_DOCS_COMMAND = 'tfjsLint.showDocumentation';
/** workspace/executeCommand: apply every safe fix of a document; arguments `[FixAllArguments]`. */
export const APPLY_FIX_ALL_COMMAND = 'tfjsLint.applyFixAll';
/** The diagnostic source, and the name of the client's diagnostic collection. */
export const SOURCE = 'tfjs-lint';

export interface LintWorkspaceParams {
  /** A client-created progress token; without one the server creates its own when it can. */
  workDoneToken?: string | number;
}

export interface LintWorkspaceResult {
  /** Files linted (all of them unless cancelled). */
  files: number;
  total: number;
  /** Diagnostics now shown: those published for the workspace's files plus those of open documents (what the Problems panel counts). */
  problems: number;
  cancelled: boolean;
}

export interface FixAllArguments {
  uri: string;
  /** The version the user looked at; the fixes are not applied to a newer one. */
  version?: number;
}

export interface RuleInfo {
  id: string;
  description: string;
  docsUrl: string;
}
