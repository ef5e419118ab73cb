// tfjs-lint's own requests on top of LSP (the VS Code client and the tests use these names).
export const LINT_WORKSPACE_REQUEST = 'tfjsLint/lintWorkspace';
export const LIST_RULES_REQUEST = 'tfjsLint/rules';

export interface LintWorkspaceParams {
  /** A client-created progress token; without one the server creates its own when it can. */
  workDoneToken?: string | number;
}

export interface LintWorkspaceResult {
  /** Files linted (all of them unless cancelled). */
  files: number;
  total: number;
  /** Diagnostics published, over all files. */
  problems: number;
  cancelled: boolean;
}

export interface RuleInfo {
  id: string;
  description: string;
  docsUrl: string;
}
