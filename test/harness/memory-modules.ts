// Other files of a workspace, in memory, for engine and rule tests: a module host that
// resolves relative specifiers the way the workspace host does (extensions, index files),
// over a map of file names (relative to the linted file's folder) to text.
import * as path from 'node:path';
import { Modules, type ModuleHost, type ModuleSource } from '../../server/src/engine/modules';
import { RELATIVE_SPECIFIER } from '../../server/src/workspace/module-host';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

export class MemoryModuleHost implements ModuleHost {
  /** Every resolution asked, as `from -> specifier`. */
  readonly asked: string[] = [];
  constructor(readonly files: Record<string, string>) {}

  resolve(specifier: string, fromFile: string): ModuleSource | undefined {
    this.asked.push(`${fromFile} -> ${specifier}`);
    return this.find(specifier, fromFile);
  }

  /** Every file is in memory, so every importer is known: the files whose relative specifiers name it. */
  importersOf(fileName: string): ModuleSource[] | undefined {
    const out: ModuleSource[] = [];
    for (const [name, text] of Object.entries(this.files)) {
      if (name === fileName) continue;
      const specifiers = [...text.matchAll(RELATIVE_SPECIFIER)].map((m) => m[2]);
      if (specifiers.some((s) => this.find(s, name)?.fileName === fileName)) out.push({ fileName: name, text });
    }
    return out;
  }

  private find(specifier: string, fromFile: string): ModuleSource | undefined {
    const base = path.posix.join(path.posix.dirname(fromFile), specifier);
    for (const candidate of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.slice(1).map((e) => `${base}/index${e}`)]) {
      const text = this.files[candidate];
      if (text !== undefined) return { fileName: candidate, text };
    }
    return undefined;
  }

  /** `file://./x.json`, `./x.json`, `/x.json`: relative to the file's folder (the workspace host searches more places). */
  resolveModelJson(url: string, fromFile: string): ModuleSource | undefined {
    if (/^[a-z]+:\/\//i.test(url) && !url.startsWith('file://')) return undefined;
    const relative = url.replace(/^file:\/\//, '').replace(/^\/+/, '');
    const fileName = path.posix.join(path.posix.dirname(fromFile), relative);
    const text = this.files[fileName];
    return text === undefined ? undefined : { fileName, text };
  }
}

/**
 * Modules over in-memory files; undefined when there are none (the engine then reads no other
 * file). The linted file, when given, is one of them: the others may import it.
 */
export function memoryModules(files: Record<string, string> | undefined, linted?: { fileName: string; text: string }): Modules | undefined {
  if (!files) return undefined;
  return new Modules(new MemoryModuleHost(linted && !(linted.fileName in files) ? { ...files, [linted.fileName]: linted.text } : files));
}
