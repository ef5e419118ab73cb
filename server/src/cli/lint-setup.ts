// What a lint run derives from its options, the same on the main thread and on a worker
// (threads.ts): --rule overrides, where each folder's configuration comes from, and the
// settings a file is linted with. Each thread builds its own, with its own modules, so a
// worker lints a file exactly as the main thread would.
import * as path from 'node:path';
import type { CliOptions } from './args';
import type { FileLintSettings } from './lint-files';
import { ruleCatalog } from './registry';
import { ConfigResolver, loadConfigFile, type LoadedConfig } from '../workspace/config-files';
import { ProjectFactsResolver } from '../workspace/project-facts';
import { WorkspaceModuleHost } from '../workspace/module-host';
import { Modules } from '../engine/modules';
import { emptyConfig, parseRuleFlag } from '../engine/config';
import type { Severity } from '../engine/types';

export interface LintSetup {
  overrides: Record<string, Severity>;
  /** The configuration of a folder's files. */
  configFor(dir: string): LoadedConfig;
  /** The resolver of .tfjslintrc.json files, when they are looked up (neither --config nor --no-config). */
  resolver?: ConfigResolver;
  settingsFor(loaded: LoadedConfig): FileLintSettings;
}

/** The run's setup; a usage error (a bad --rule) or the broken --config file instead, if any. */
export function lintSetup(options: CliOptions, cwd: string): LintSetup | { usage: string } | { broken: LoadedConfig[] } {
  // --rule settings (loads the registry: the ids are needed to check them).
  const overrides: Record<string, Severity> = Object.create(null);
  for (const text of options.rules) {
    const flag = parseRuleFlag(text, ruleCatalog().ids);
    if ('error' in flag) return { usage: flag.error };
    overrides[flag.id] = flag.severity;
  }

  // Configuration: --no-config, --config FILE (globs relative to the working folder, as
  // ESLint does for -c), or the nearest .tfjslintrc.json above each folder.
  let configFor: (dir: string) => LoadedConfig;
  let resolver: ConfigResolver | undefined;
  if (options.noConfig) {
    const defaults: LoadedConfig = { baseDir: cwd, config: emptyConfig(), problems: [] };
    configFor = () => defaults;
  } else if (options.config !== undefined) {
    const loaded = { ...loadConfigFile(path.resolve(cwd, options.config), ruleCatalog), baseDir: cwd };
    if (loaded.problems.length) return { broken: [loaded] };
    configFor = () => loaded;
  } else {
    const r = (resolver = new ConfigResolver(ruleCatalog, cwd));
    configFor = (dir) => r.forDirectory(dir);
  }

  // A run that writes no fixes sees the disk as it is: pages are read once.
  const projects = new ProjectFactsResolver(!options.fix);
  // One run sees the disk as it is: a module's importers can be searched for its helpers' arguments.
  const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, cwd));
  const settingsFor = (loaded: LoadedConfig): FileLintSettings => ({
    config: loaded.config,
    overrides,
    maxFileSize: options.maxFileSize,
    fix: options.fix || options.fixDryRun,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    projectFor: (file) => (path.isAbsolute(file) ? projects.forFile(file) : {}),
    modules,
  });
  return { overrides, configFor, resolver, settingsFor };
}
