// `.tfjslintrc.json` for the language server, through the shared workspace module (the CLI
// reads the same files the same way): find the file that governs a document, parse it once,
// forget it when the watcher says it changed. A problem is reported, the invalid parts are
// ignored and the rest keeps its defaults.
import * as path from 'node:path';
import { ConfigResolver, type LoadedConfig } from '../workspace/config-files';
import { formatProblem, parseConfig, type ConfigProblem, type RuleCatalog } from '../engine/config';
import { ProjectFactsResolver } from '../workspace/project-facts';
import type { ProjectFacts } from '../engine/types';

export class ProjectConfigs {
  private resolver: ConfigResolver;
  private projects = new ProjectFactsResolver();

  constructor(private readonly catalog: () => RuleCatalog) {
    this.resolver = new ConfigResolver(catalog, process.cwd());
  }

  /** What the file's project says about tfjs (package.json, pages beside it). */
  projectFor(filePath: string): ProjectFacts {
    return this.projects.forFile(filePath);
  }

  /** The config that applies to a file: the nearest `.tfjslintrc.json` at or above its folder. */
  forFile(filePath: string): LoadedConfig {
    return this.resolver.forDirectory(path.dirname(filePath));
  }

  /** The config that applies to files in a folder (for walks). */
  forDirectory(dir: string): LoadedConfig {
    return this.resolver.forDirectory(dir);
  }

  /** Forget everything read so far (a config file was created, changed or deleted). */
  invalidate(): void {
    this.resolver = new ConfigResolver(this.catalog, process.cwd());
    this.projects = new ProjectFactsResolver();
  }

  /** Problems in a config file's current (maybe unsaved) text, for diagnostics on the open file. */
  problemsInText(text: string, file: string): ConfigProblem[] {
    return parseConfig(text, file, this.catalog).problems;
  }
}

/** One line for the user: what is wrong, where, and that linting goes on. */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  const first = formatProblem(problems[0]);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${first}${more}. Linting goes on; the invalid settings are ignored and their default settings apply.`;
}

/** 0-based line/character of a problem in the file's text: its JSON error position, else its key. */
export function problemPosition(problem: ConfigProblem, text: string): { line: number; character: number } {
  if (problem.line !== undefined) return { line: problem.line - 1, character: Math.max(0, (problem.column ?? 1) - 1) };
  const name = problem.key.split('.').filter(Boolean).at(-1)?.replace(/\[\d+\]$/, '');
  const at = name ? text.indexOf(`"${name}"`) : -1;
  if (at < 0) return { line: 0, character: 0 };
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
