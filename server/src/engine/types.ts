// The engine's public data types. Nothing here knows about LSP, VS Code or the CLI:
// front ends translate these plain objects into their own shapes.

/** How loudly a finding is reported. `off` disables a rule. */
export type Severity = 'off' | 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error'];

/** A replacement of the text between two offsets (UTF-16 code units, like TypeScript). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix is data: a title, whether it is safe to apply unattended, and its edits. */
export interface Fix {
  title: string;
  /** Safe fixes only change the fault they address; `--fix` and fix-on-save apply only these. */
  safe: boolean;
  edits: TextEdit[];
}

/** A 1-based line and column, as editors and the CLI print them. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: number;
  end: number;
}

export interface Finding {
  ruleId: string;
  severity: Exclude<Severity, 'off'>;
  message: string;
  /** Offsets into the file's text. */
  range: Range;
  /** 1-based line/column of range.start and range.end. */
  start: Position;
  end: Position;
  fixes: Fix[];
}

/** Something the engine itself wants to say about a file (too large, analysis timed out, ...). */
export interface Notice {
  kind: 'skipped' | 'timeout' | 'parse-error' | 'internal-error';
  message: string;
}

/** A shape dimension: a number, or null for the batch (or any unknown-but-free) dimension. */
export type Dim = number | null;
export type Shape = Dim[];

/** An inferred fact the editor can show (hover, inlay hints). */
export interface ShapeFact {
  range: Range;
  /** What the range names: a layer call, a model, a tensor expression. */
  kind: 'layer' | 'model' | 'tensor' | 'symbolic';
  /** What made it: the layer type ('dense'), the model type ('sequential'), the op ('matMul'). */
  label: string;
  /** Output shape; undefined when unknown. */
  shape?: Shape;
  dtype?: string;
  /** A layer's tfjs class name ('Dense'). */
  className?: string;
  /** A layer's parameter count, or a model's total, and how many of them are not trainable (layers). */
  params?: number;
  nonTrainable?: number;
  /** A model's input shapes and output shapes. */
  inputShapes?: Shape[];
  outputShapes?: Shape[];
  /** Set on a variable that holds the value (its declaration or a use), not where it is made. */
  variable?: string;
}

/**
 * What the front ends know about the project a file belongs to (read from package.json and
 * the HTML pages beside it by the shared file code); the engine itself reads no files.
 */
export interface ProjectFacts {
  /** The tfjs major version the project declares or loads (0 for a 0.x pin); undefined when unknown. */
  tfjsMajor?: number;
  /** Where that version was read, for messages ('package.json', 'index.html'). */
  tfjsFrom?: string;
}

export interface LintResult {
  findings: Finding[];
  notices: Notice[];
  /** Inferred shapes with their source ranges (empty when the file does not use tfjs). */
  facts: ShapeFact[];
  /** Rules that threw while checking this file: id and error message. Never fatal. */
  ruleErrors: { ruleId: string; error: string }[];
  /** False when the prefilter decided the file cannot involve tfjs and nothing was parsed. */
  analyzed: boolean;
  /**
   * Other files of the workspace the analysis read (relative imports, model.json files, page
   * scripts), and those whose creation would change what an import or a model URL names
   * (ModuleHost.probed: present or not), sorted.
   */
  dependencies?: string[];
  /**
   * The files (this one, or one it read) whose importers the analysis looked for, sorted: which
   * files import them, and whether that can be known (package.json, aliases), may change the result.
   */
  importersRead?: string[];
  /** The classic scripts (this one, or one it read) whose pages the analysis looked for, sorted: a new page, or a page that loads other scripts, may change the result. */
  pagesRead?: string[];
}
