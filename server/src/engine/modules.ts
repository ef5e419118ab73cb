// Values from other files of the workspace: a relative `import` or `require` names a module,
// which is parsed once (per run, or until it changes in the editor) and whose exports are
// evaluated on demand by its own analysis, then ported to the importing file. A front end
// gives the engine a ModuleHost (finding and reading files is not the engine's business);
// the engine never runs the module. Ported values carry no syntax of the other file: plain
// data, functions (called in their own module) and models known by their signature.
import type { ts } from './ts';
import type * as AnalysisModule from './analysis';
import type * as ExportsModule from './module-exports';
import type * as ImporterCallsModule from './importer-calls';
import type * as PageScriptsModule from './page-scripts';
import type { CustomLayerClass } from './custom-layers';
import { MAX_MODEL_JSON_BYTES, modelJsonSignature } from './model-json';
import {
  FunctionValue,
  ImportedFunction,
  InstanceValue,
  ModelValue,
  ModuleValue,
  ObjectValue,
  TensorValue,
  TfRef,
  UNKNOWN,
  type ModelSignature,
  type Value,
} from './values';

/** A file of the workspace and its text (the editor's text when the file is open). */
export interface ModuleSource {
  fileName: string;
  text: string;
}

/** What a front end tells the engine about the workspace's files. */
export interface ModuleHost {
  /**
   * The file a relative specifier (`./model`, `../config.js`) names from `fromFile`, tried as
   * written, with the usual extensions and as a folder's index file; undefined when there is
   * none, or it cannot be read (too large, binary).
   */
  resolve(specifier: string, fromFile: string): ModuleSource | undefined;
  /**
   * The workspace's model.json a `tf.loadLayersModel` URL names from `fromFile` (`file://`
   * paths, URLs served from the project: relative, or absolute from a `public/` or `static/`
   * folder); undefined when none, several, or unreadable. Never a weight file.
   */
  resolveModelJson?(url: string, fromFile: string): ModuleSource | undefined;
  /**
   * Every file of the workspace that may import `fileName` (names it by a relative
   * specifier), or undefined when they cannot all be known: the host does not see the whole
   * project, or code outside it may load the module (a package's entry point).
   */
  importersOf?(fileName: string): ModuleSource[] | undefined;
  /**
   * The other files of the pages that load `fileName` as a classic script (`<script src>`):
   * each such HTML page and the local scripts it loads besides; [] when no page near the
   * script loads it; undefined when the host cannot tell (it does not see the whole project).
   */
  pageScriptsOf?(fileName: string): ModuleSource[] | undefined;
  /**
   * The files whose appearance would change what `resolve` ('module') or `resolveModelJson`
   * ('model') answers for these arguments (a missing import that is created, a `model.ts`
   * beside the `model.js` found, a second model.json): dependencies of what was read, present or not.
   */
  probed?(kind: 'module' | 'model', specifier: string, fromFile: string): readonly string[];
}

/** A call that passes nothing at a parameter: the parameter's default applies. */
export const ABSENT: unique symbol = Symbol('absent');

/** Nested evaluation across modules (a builder calling a helper of a third file, ...) stops here. */
const MAX_MODULE_DEPTH = 6;
/** Linted files kept for a neighbour that may import them (see analysisFor). */
const RECENT_LINTED = 16;
/**
 * Trees of changed files kept for their next parse (see forget): the files being edited. A tree
 * takes about 23 bytes per byte of source, so their sources may add up to 1 MB (~23 MB of trees).
 */
const SUPERSEDED_SOURCE_BYTES = 1024 * 1024;
/** Object and array nesting a ported value keeps. */
const MAX_PORT_DEPTH = 6;
const COMPUTING: unique symbol = Symbol('computing');

/** A module of the workspace: parsed on first use (a namespace import alone does not parse it). */
export class ModuleRecord {
  readonly exports = new Map<string, Value | typeof COMPUTING>();
  namespace?: ModuleValue;
  required?: ModuleValue;
  /** The link of the analysis that binds another module's parameters from this file's calls (Modules.bindingAnalysis): what it reads counts for the values it gives. */
  bindingLink?: ModuleLink;
  private parsed?: AnalysisModule.FileAnalysis;
  constructor(
    readonly fileName: string,
    readonly text: string,
    readonly link: ModuleLink,
    /** The file's tree before it changed, for an incremental parse; consumed by it. */
    private previous?: ts.SourceFile,
  ) {}

  /** Throws what the parser throws (nesting too deep). */
  get analysis(): AnalysisModule.FileAnalysis {
    if (!this.parsed) {
      // The analysis (and with it TypeScript) loads only when a file is really analysed.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { FileAnalysis } = require('./analysis') as typeof AnalysisModule;
      const previous = this.previous;
      this.previous = undefined;
      this.parsed = FileAnalysis.parse(this.fileName, this.text, this.link, previous);
    }
    return this.parsed;
  }

  /** The file's tree if it was parsed, else the one it was to be parsed from. */
  get tree(): ts.SourceFile | undefined {
    return this.parsed?.sourceFile ?? this.previous;
  }
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * The modules of one workspace, for one CLI run or a language server's life: each parsed
 * once, forgotten (with the modules that import it) when it changes.
 */
export class Modules {
  private readonly records = new Map<string, ModuleRecord>();
  /** Files linted lately that no module imported (yet), oldest first. */
  private readonly recent = new Map<string, ModuleRecord>();
  /** What each model.json read says, with the text it was read from. */
  private readonly modelJsons = new Map<string, { text: string; signature: ModelSignature | undefined }>();
  private depth = 0;
  /**
   * Modules whose parameters are being bound from their importers: their analysis is in the
   * middle of an evaluation, so nothing may evaluate in it until that ends (see exportOf).
   */
  private readonly binding = new Set<string>();
  /** Importers as parameter binding reads them: evaluators of their own, kept apart from the lint's (see importerArguments). */
  private readonly bindingAnalyses = new Map<string, { text: string; analysis: AnalysisModule.FileAnalysis }>();
  /**
   * The last tree of each file that changed (forget), which its next parse reuses: an edit in
   * the editor reparses only what it touched. Nothing else holds these trees any more.
   */
  private readonly supersededTrees = new Map<string, ts.SourceFile>();

  constructor(readonly host: ModuleHost) {}

  /** The link through which a file being analysed reaches other modules. */
  linkFor(fileName: string): ModuleLink {
    return new ModuleLink(this, fileName);
  }

  /**
   * Drops a changed file and every module (or linted file kept) that depends on it: they hold
   * values read from it. Called between lints, never during one: the file's tree is kept for
   * its next parse, which consumes it.
   */
  forget(fileName: string): void {
    const tree = this.records.get(fileName)?.tree ?? this.recent.get(fileName)?.tree;
    this.dropWithDependents(fileName);
    if (tree) {
      this.supersededTrees.delete(fileName);
      this.supersededTrees.set(fileName, tree);
      let bytes = 0;
      for (const kept of this.supersededTrees.values()) bytes += kept.text.length;
      // Oldest first, until they fit (a file alone larger than the bound is not kept).
      for (const [name, kept] of this.supersededTrees) {
        if (bytes <= SUPERSEDED_SOURCE_BYTES) break;
        this.supersededTrees.delete(name);
        bytes -= kept.text.length;
      }
    }
  }

  /** A file and every module or linted file kept that depends on it, dropped. */
  private dropWithDependents(fileName: string): void {
    const gone = new Set([fileName]);
    const all = [...this.records.values(), ...this.recent.values()];
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of all) {
        if (gone.has(r.fileName) || ![...r.link.dependencies].some((d) => gone.has(d))) continue;
        gone.add(r.fileName);
        grew = true;
      }
    }
    for (const name of gone) {
      this.records.delete(name);
      this.recent.delete(name);
    }
    this.bindingAnalyses.clear();
    this.modelJsons.delete(fileName);
  }

  /**
   * Every file a link read, directly or through the modules it read (their own analyses and
   * the ones that bind parameters from their calls), without the file itself.
   */
  dependenciesOf(link: ModuleLink): string[] {
    return this.readsOf(link).dependencies;
  }

  /**
   * What a link's values rest on besides the text of its file: the files it read, directly
   * or through the modules it read (their own analyses and the ones that bind parameters
   * from their calls); of those files and its own, the ones whose importers it looked for,
   * and the classic scripts whose pages it looked for. Which files import a module (and
   * whether that can be known), or which pages load a script, may change without any file
   * read changing. Each list sorted.
   */
  readsOf(link: ModuleLink): Reads {
    const seen = new Map<string, ModuleLink[]>([[link.fileName, [link]]]);
    const queue = [...link.dependencies];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      const r = this.records.get(f);
      const links = r ? [r.link, ...(r.bindingLink ? [r.bindingLink] : [])] : [];
      seen.set(f, links);
      for (const l of links) queue.push(...l.dependencies);
    }
    const files = (flag: 'readsImporters' | 'readsPages') => [...seen].filter(([, links]) => links.some((l) => l[flag])).map(([f]) => f).sort();
    return { dependencies: [...seen.keys()].filter((f) => f !== link.fileName).sort(), importersRead: files('readsImporters'), pagesRead: files('readsPages') };
  }

  /** How many modules are parsed and kept (for tests and the bench). */
  get size(): number {
    return this.records.size;
  }

  /**
   * The analysis of a file being linted, shared with its module record: a file linted after
   * another imported it, or imported soon after it was linted, is parsed once. Throws what
   * the parser throws.
   */
  analysisFor(fileName: string, text: string): AnalysisModule.FileAnalysis {
    const known = this.records.get(fileName) ?? this.recent.get(fileName);
    if (known && known.text === text) return known.analysis;
    const r = new ModuleRecord(fileName, text, this.linkFor(fileName), this.takeSupersededTree(fileName));
    const analysis = r.analysis;
    // Files are linted folder by folder, and modules import their neighbours: keep a few.
    this.recent.set(fileName, r);
    if (this.recent.size > RECENT_LINTED) this.recent.delete(this.recent.keys().next().value as string);
    return analysis;
  }

  /** The module a specifier names from a link's file (parsed when first read). */
  record(specifier: string, link: ModuleLink): ModuleRecord | undefined {
    const source = this.host.resolve(specifier, link.fileName);
    for (const f of this.host.probed?.('module', specifier, link.fileName) ?? []) link.dependencies.add(f);
    if (!source) return undefined;
    link.dependencies.add(source.fileName);
    return this.recordOf(source);
  }

  private recordOf(source: ModuleSource): ModuleRecord {
    const known = this.records.get(source.fileName);
    if (known && known.text === source.text) return known;
    // Changed on disk unannounced, in the middle of a lint that may hold its old values: no tree kept.
    if (known) this.dropWithDependents(source.fileName);
    const linted = this.recent.get(source.fileName);
    this.recent.delete(source.fileName);
    const r = linted && linted.text === source.text ? linted : new ModuleRecord(source.fileName, source.text, this.linkFor(source.fileName), this.takeSupersededTree(source.fileName));
    this.records.set(source.fileName, r);
    return r;
  }

  private takeSupersededTree(fileName: string): ts.SourceFile | undefined {
    const tree = this.supersededTrees.get(fileName);
    this.supersededTrees.delete(fileName);
    return tree;
  }

  /**
   * Whether every call of an exported function in the files that import its module passes at
   * parameter `index` a value `accept` takes (ported; ABSENT where a call passes none). False
   * when the importers or their calls are not all known; the first refusal ends the search.
   */
  everyImporterArgument(link: ModuleLink, exported: ImporterCallsModule.ExportedFunction, index: number, accept: (v: Value | typeof ABSENT) => boolean): boolean {
    if (this.binding.has(link.fileName)) return false;
    // Asked, the answer counts even when it is "cannot tell": a package.json or an alias may change it.
    link.readsImporters = true;
    const importers = this.host.importersOf?.(link.fileName);
    if (!importers) return false;
    this.binding.add(link.fileName);
    try {
      return this.importerArgumentsAccepted(link, importers, exported, index, accept);
    } finally {
      this.binding.delete(link.fileName);
    }
  }

  private importerArgumentsAccepted(link: ModuleLink, importers: readonly ModuleSource[], exported: ImporterCallsModule.ExportedFunction, index: number, accept: (v: Value | typeof ABSENT) => boolean): boolean {
    for (const source of importers) {
      link.dependencies.add(source.fileName);
      // An HTML, Vue or Svelte file's script blocks are not followed here.
      if (!/\.[cm]?[jt]sx?$/i.test(source.fileName)) return false;
      if (cannotCall(source.text, exported)) continue;
      const bound = this.bindingAnalysis(source);
      if (!bound) return false;
      const { analysis } = bound;
      const view = {
        sourceFile: analysis.sourceFile,
        scopes: analysis.scopes,
        calls: analysis.index.calls,
        names: (specifier: string) => isRelativeSpecifier(specifier) && this.host.resolve(specifier, source.fileName)?.fileName === link.fileName,
      };
      const calls = importerCalls().callsInImporter(view, exported);
      if (!calls || !this.argumentsAccepted(bound, calls, index, accept)) return false;
    }
    return true;
  }

  /**
   * Another file as binding reads it: its syntax (parsed once, shared with its own lint) with
   * an evaluator of its own, so what it cannot read of a module being bound (UNKNOWN,
   * remembered) stays out of the values its own lint sees. Kept for the run; undefined when
   * it does not parse.
   */
  private bindingAnalysis(source: ModuleSource): { record: ModuleRecord; analysis: AnalysisModule.FileAnalysis } | undefined {
    const record = this.recordOf(source);
    const kept = this.bindingAnalyses.get(source.fileName);
    if (kept && kept.text === source.text) return { record, analysis: kept.analysis };
    let analysis: AnalysisModule.FileAnalysis;
    try {
      analysis = record.analysis.withOwnEvaluator((record.bindingLink ??= this.linkFor(source.fileName)));
    } catch {
      return undefined;
    }
    this.bindingAnalyses.set(source.fileName, { text: source.text, analysis });
    return { record, analysis };
  }

  /** Whether `accept` takes what each call (evaluated in its own file, ported) passes at parameter `index`. */
  private argumentsAccepted(
    bound: { record: ModuleRecord; analysis: AnalysisModule.FileAnalysis },
    calls: readonly (ts.CallExpression | ts.NewExpression)[],
    index: number,
    accept: (v: Value | typeof ABSENT) => boolean,
  ): boolean {
    for (const call of calls) {
      const arg = importerCalls().argumentAt(call, index);
      if (arg === undefined) return false;
      const value = arg === ABSENT ? ABSENT : this.within(() => this.port(bound.analysis.evaluator.evaluate(arg), bound.record, 0));
      if (!accept(value)) return false;
    }
    return true;
  }

  /**
   * Whether every call the other scripts of the link's pages make of its global `name` (a
   * class they `new`, or a function they call) passes at parameter `index` a value `accept`
   * takes (ABSENT where a call passes none), evaluated as importers' calls are. False when the
   * host cannot list the pages (the editor), a page's inline block or handler attribute names
   * it, a module script names it, or a script uses it other than by such calls.
   */
  everyPageArgument(link: ModuleLink, name: string, constructs: boolean, index: number, accept: (v: Value | typeof ABSENT) => boolean): boolean {
    if (this.binding.has(link.fileName)) return false;
    const scripts = this.pageScriptsNaming(link, name);
    if (!scripts) return false;
    this.binding.add(link.fileName);
    try {
      for (const source of scripts) {
        const bound = this.bindingAnalysis(source);
        if (!bound || bound.analysis.isModule()) return false;
        const calls = pageScripts().globalCallsIn(bound.analysis.index.identifiers, bound.analysis.scopes, name, constructs);
        if (!calls || !this.argumentsAccepted(bound, calls, index, accept)) return false;
      }
      return true;
    } finally {
      this.binding.delete(link.fileName);
    }
  }

  /**
   * Whether code of another script of a page that loads the link's file names `name` (see
   * page-scripts.ts): true, false, or undefined when the host cannot tell. Those files are
   * dependencies of the result either way.
   */
  namedOnPage(link: ModuleLink, name: string): boolean | undefined {
    const mates = this.pageMates(link);
    if (!mates) return undefined;
    for (const source of mates) {
      link.dependencies.add(source.fileName);
      if (pageScripts().namesInCode(source, name)) return true;
    }
    return false;
  }

  /**
   * The value of a global `name` that another classic script of the link's pages declares as a
   * top-level `const` with plain data (sketch.js's `const CLASSES = 3`, read in classifier.js):
   * a read that does not throw sees it. UNKNOWN when the host cannot list the pages' scripts,
   * when a page's own code names it, when a script declares it otherwise or assigns it, or
   * when two declarations disagree.
   */
  pageGlobal(link: ModuleLink, name: string): Value {
    const scripts = this.pageScriptsNaming(link, name);
    if (!scripts) return UNKNOWN;
    let agreed: Value | typeof NO_VALUE = NO_VALUE;
    for (const source of scripts) {
      const r = this.recordOf(source);
      let analysis: AnalysisModule.FileAnalysis;
      try {
        analysis = r.analysis;
      } catch {
        return UNKNOWN;
      }
      if (analysis.isModule()) continue; // its top-level names are not globals
      const declaration = pageScripts().globalDeclaration(analysis.sourceFile, name);
      if (declaration === 'other') return UNKNOWN;
      if (!declaration) continue;
      const v = this.within(() => this.port(analysis.evaluate(declaration.initializer), r, 0));
      if (!isPlainConstant(v) || (agreed !== NO_VALUE && JSON.stringify(agreed) !== JSON.stringify(v))) return UNKNOWN;
      agreed = v;
    }
    return agreed === NO_VALUE ? UNKNOWN : agreed;
  }

  /**
   * The scripts of the link's pages whose text has `name` (all of them dependencies of the
   * link); undefined when the host cannot list the pages, or a page's inline block or handler
   * attribute names it (those are not followed).
   */
  private pageScriptsNaming(link: ModuleLink, name: string): ModuleSource[] | undefined {
    const mates = this.pageMates(link);
    if (!mates) return undefined;
    const scripts: ModuleSource[] = [];
    for (const source of mates) {
      link.dependencies.add(source.fileName);
      if (!source.text.includes(name)) continue;
      if (/\.[cm]?[jt]sx?$/i.test(source.fileName)) scripts.push(source);
      else if (pageScripts().namesInCode(source, name)) return undefined;
    }
    return scripts;
  }

  /**
   * The other files of the link's pages (ModuleHost.pageScriptsOf). Asked, the answer counts
   * whatever it is: a new page, or a page that loads other scripts, may change it.
   */
  private pageMates(link: ModuleLink): ModuleSource[] | undefined {
    link.readsPages = true;
    return this.host.pageScriptsOf?.(link.fileName);
  }

  /** The signature of the saved model a `loadLayersModel` URL names from a link's file, when the workspace has it. */
  modelJson(url: string, link: ModuleLink): ModelSignature | undefined {
    const source = this.host.resolveModelJson?.(url, link.fileName);
    for (const f of this.host.probed?.('model', url, link.fileName) ?? []) link.dependencies.add(f);
    if (!source) return undefined;
    link.dependencies.add(source.fileName);
    const known = this.modelJsons.get(source.fileName);
    if (known && known.text === source.text) return known.signature;
    const signature = source.text.length > MAX_MODEL_JSON_BYTES ? undefined : modelJsonSignature(source.fileName, source.text);
    this.modelJsons.set(source.fileName, { text: source.text, signature });
    return signature;
  }

  /** Runs evaluation in another module within the depth budget; past it, UNKNOWN. */
  within(f: () => Value): Value {
    if (this.depth >= MAX_MODULE_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** The export `name` ('default' for the default export) of a module, ported. */
  exportOf(r: ModuleRecord, name: string): Value {
    const known = r.exports.get(name);
    if (known === COMPUTING) return UNKNOWN; // a cycle of re-exports or of imports
    if (known !== undefined || r.exports.has(name)) return known as Value;
    if (this.binding.has(r.fileName)) return UNKNOWN; // mid-evaluation: not evaluated (nor remembered) now
    r.exports.set(name, COMPUTING);
    let v: Value = UNKNOWN;
    try {
      v = this.within(() => this.port(moduleExports().findExport(r, name, () => this.namespaceOf(r)), r, 0));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // nested too deeply for the parser: unknown
    } finally {
      r.exports.set(name, v);
    }
    return v;
  }

  /** An instance of class `name` exported by module `r`: its fields and getters read in `r`'s analysis, ported. */
  instanceOf(r: ModuleRecord, name: string): Value {
    let cls: ts.ClassDeclaration | undefined;
    try {
      cls = moduleExports().exportedClass(r.analysis, name);
    } catch {
      return UNKNOWN;
    }
    if (!cls) return UNKNOWN;
    const declaration = cls;
    return new InstanceValue((key) => (this.binding.has(r.fileName) ? UNKNOWN : this.within(() => this.port(r.analysis.evaluator.instanceMember(declaration, key), r, 0))));
  }

  /**
   * Class `name` exported by module `r` as a layer class (custom-layers.ts), read in `r`'s
   * analysis; what comes back holds no syntax. Undefined when it is not one we can read.
   */
  layerClassOf(r: ModuleRecord, name: string): CustomLayerClass | undefined {
    if (this.binding.has(r.fileName) || this.depth >= MAX_MODULE_DEPTH) return undefined;
    this.depth++;
    try {
      const cls = moduleExports().exportedClass(r.analysis, name);
      return cls && r.analysis.evaluator.layerClass(cls);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // nested too deeply for the parser: unknown
      return undefined;
    } finally {
      this.depth--;
    }
  }

  /** The module as a namespace object (`import * as m`, `require` of an ES module). */
  namespaceOf(r: ModuleRecord): ModuleValue {
    return (r.namespace ??= new ModuleValue(r.fileName, (name) => this.exportOf(r, name)));
  }

  /**
   * What `require(specifier)` gives: its exports read by name; when the module assigns
   * `module.exports` a whole value (a function, say), that value (read on first use).
   */
  requireOf(r: ModuleRecord): ModuleValue {
    return (r.required ??= new ModuleValue(r.fileName, (name) => this.exportOf(r, name), () => this.wholeExport(r)));
  }

  private wholeExport(r: ModuleRecord): Value {
    try {
      return moduleExports().commonJsWhole(r.analysis.sourceFile) ? this.exportOf(r, 'default') : UNKNOWN;
    } catch {
      return UNKNOWN;
    }
  }

  /**
   * A value of module `r` as another file sees it: numbers, strings, arrays and object
   * literals (without their syntax: nothing may point into the other file), tfjs references,
   * functions (called in their own module); for a call's result (`site`, in the calling file),
   * tensors whose shape their data tells (see portedTensor); anything else UNKNOWN.
   */
  private port(v: Value, r: ModuleRecord, depth: number, site?: ts.CallExpression): Value {
    if (v === UNKNOWN || v === null || typeof v !== 'object') return v;
    if (depth > MAX_PORT_DEPTH) return UNKNOWN;
    if (Array.isArray(v)) return v.map((e) => this.port(e, r, depth + 1, site));
    if (v instanceof ObjectValue) {
      const props = new Map<string, Value>();
      for (const [k, e] of v.props) props.set(k, this.port(e, r, depth + 1, site));
      return new ObjectValue(props, v.open, new Map(), undefined);
    }
    if (v instanceof TfRef || v instanceof ModuleValue || v instanceof ImportedFunction) return v;
    if (v instanceof FunctionValue) {
      const declaration = v.declaration;
      return new ImportedFunction(r.fileName, (site) => this.within(() => this.returned(r, declaration, site)));
    }
    if (v instanceof TensorValue && site) return portedTensor(v, r, site);
    return UNKNOWN;
  }

  /** What a call of module `r`'s function returns, for the call `site` in the calling file. */
  private returned(r: ModuleRecord, declaration: ts.FunctionLikeDeclaration, site: ts.CallExpression): Value {
    if (this.binding.has(r.fileName)) return UNKNOWN;
    const v = r.analysis.evaluator.returnValue(declaration);
    if (v instanceof ModelValue) return loadedModel(site, signatureOf(v, r.analysis));
    return this.port(v, r, 0, site);
  }
}

/**
 * A tensor of module `r` returned to the call `site`: its shape (unknown dims null) and dtype as
 * its module's data tell them, as data (op 'ported', made at the site, no operands); UNKNOWN when
 * the shape is not known there. Only data: its values, ranges and making op stay in `r`.
 */
function portedTensor(t: TensorValue, r: ModuleRecord, site: ts.CallExpression): Value {
  const { shape, dtype } = r.analysis.evaluator.dataTensor(t);
  if (!shape) return UNKNOWN;
  const ported = new TensorValue('ported', site, []);
  ported.shape = [...shape];
  if (dtype) ported.dtype = dtype;
  return ported;
}

/**
 * True when an importer's text shows it cannot call the function: it never says any export
 * name of it, and it holds no module as a whole (a namespace, default or `require` binding,
 * a dynamic import) through which the function could be reached without its name.
 */
function cannotCall(text: string, exported: ImporterCallsModule.ExportedFunction): boolean {
  if (exported.whole || exported.names.has('default')) return false;
  if ([...exported.names].some((name) => text.includes(name))) return false;
  return !/\bimport\s*\*|\bimport\s+[\w$]+\s*(?:,|from\b)|\brequire\s*\(|\bimport\s*\(/.test(text);
}

/** What an analysis read of the workspace (Modules.readsOf). */
export interface Reads {
  dependencies: string[];
  importersRead: string[];
  pagesRead: string[];
}

/** One file's way to the other modules; remembers which files it read. */
export class ModuleLink {
  readonly dependencies = new Set<string>();
  /** The files that import this one were looked for (a value came from them, or none could): a new importer may change it. */
  readsImporters = false;
  /** The pages that load this classic script were looked for (Modules.pageMates): a new page may change what was read. */
  readsPages = false;

  constructor(
    readonly modules: Modules,
    readonly fileName: string,
  ) {}

  /** `import { name } from specifier` (name 'default' for a default import). */
  importOf(specifier: string, name: string): Value {
    const r = this.modules.record(specifier, this);
    return r ? this.modules.exportOf(r, name) : UNKNOWN;
  }

  /** `import * as m from specifier`. */
  namespaceOf(specifier: string): Value {
    const r = this.modules.record(specifier, this);
    return r ? this.modules.namespaceOf(r) : UNKNOWN;
  }

  /** A global another classic script of this script's pages declares as a `const` (see Modules.pageGlobal). */
  pageGlobal(name: string): Value {
    return this.modules.pageGlobal(this, name);
  }

  /** Whether another script of this classic script's pages names `name` (see Modules.namedOnPage). */
  namedOnPage(name: string): boolean | undefined {
    return this.modules.namedOnPage(this, name);
  }

  /** What the workspace's model.json at a `loadLayersModel` URL says of the model; undefined when unknown. */
  modelJson(url: string): ModelSignature | undefined {
    return this.modules.modelJson(url, this);
  }

  /** Whether the other scripts of this classic script's pages pass at parameter `index` of its global `name` only values `accept` takes (see Modules.everyPageArgument). */
  everyPageArgument(name: string, constructs: boolean, index: number, accept: (v: Value | typeof ABSENT) => boolean): boolean {
    return this.modules.everyPageArgument(this, name, constructs, index, accept);
  }

  /** Whether the importers of this file pass at parameter `index` of its exported function only values `accept` takes (see Modules.everyImporterArgument). */
  everyImporterArgument(exported: ImporterCallsModule.ExportedFunction, index: number, accept: (v: Value | typeof ABSENT) => boolean): boolean {
    return this.modules.everyImporterArgument(this, exported, index, accept);
  }

  /** `new C()` of class `name` exported by the module a specifier names. */
  instanceOf(specifier: string, name: string): Value {
    const r = this.modules.record(specifier, this);
    return r ? this.modules.instanceOf(r, name) : UNKNOWN;
  }

  /** `new C()` of class `name` exported by the module a specifier names, when C is a layer class we can read. */
  layerClassOf(specifier: string, name: string): CustomLayerClass | undefined {
    const r = this.modules.record(specifier, this);
    return r ? this.modules.layerClassOf(r, name) : undefined;
  }

  /** `require(specifier)`. */
  requireOf(specifier: string): Value {
    const r = this.modules.record(specifier, this);
    return r ? this.modules.requireOf(r) : UNKNOWN;
  }

  /** What this file's analysis rests on besides its text (see Modules.readsOf). */
  reads(): Reads {
    return this.modules.readsOf(this);
  }

  /** Every file this file's analysis read, directly or through other modules. */
  allDependencies(): string[] {
    return this.modules.dependenciesOf(this);
  }
}

/** A model this file holds without its layers (built elsewhere, loaded), made at `site`. */
export function loadedModel(site: ts.CallExpression, signature: ModelSignature | undefined): ModelValue {
  const m = new ModelValue('loaded', site, undefined);
  if (signature) m.signature = signature;
  return m;
}

/** The input and output shapes of a model of another module, as far as its analysis knows them. */
function signatureOf(model: ModelValue, analysis: AnalysisModule.FileAnalysis): ModelSignature | undefined {
  if (model.modelType === 'loaded') return model.signature;
  analysis.graph; // collects every model's layers and calls
  const shapes = analysis.shapes;
  if (model.escapes || shapes.problems.some((p) => p.model === model && p.atBuild)) return undefined;
  return { fileName: analysis.fileName, inputShapes: shapes.modelInputShapes(model), outputShapes: shapes.modelOutputShapes(model) };
}

// The syntax of exports needs TypeScript, which loads only when a file really imports a module.
let exportsModule: typeof ExportsModule | undefined;
function moduleExports(): typeof ExportsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (exportsModule ??= require('./module-exports') as typeof ExportsModule);
}

let importerCallsModule: typeof ImporterCallsModule | undefined;
function importerCalls(): typeof ImporterCallsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (importerCallsModule ??= require('./importer-calls') as typeof ImporterCallsModule);
}

const NO_VALUE = Symbol('no value');

/** A number, string or boolean, or an array of them (what a page's constant can be read as here). */
function isPlainConstant(v: Value, depth = 0): boolean {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return true;
  return Array.isArray(v) && depth < 4 && v.every((e) => isPlainConstant(e, depth + 1));
}

let pageScriptsModule: typeof PageScriptsModule | undefined;
/** page-scripts.ts, loaded on first use (it parses, so it loads TypeScript). */
function pageScripts(): typeof PageScriptsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (pageScriptsModule ??= require('./page-scripts') as typeof PageScriptsModule);
}
