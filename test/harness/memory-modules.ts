// Other files of a workspace, in memory, for engine and rule tests: a module host that
// resolves relative specifiers the way the workspace host does (extensions, index files),
// over a map of file names (relative to the linted file's folder) to text.
import * as path from 'node:path';
import { Modules, type ModuleHost, type ModuleSource } from '../../server/src/engine/modules';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

export class MemoryModuleHost implements ModuleHost {
  /** Every resolution asked, as `from -> specifier`. */
  readonly asked: string[] = [];
  constructor(readonly files: Record<string, string>) {}

  resolve(specifier: string, fromFile: string): ModuleSource | undefined {
    this.asked.push(`${fromFile} -> ${specifier}`);
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

/** Modules over in-memory files; undefined when there are none (the engine then reads no other file). */
export function memoryModules(files: Record<string, string> | undefined): Modules | undefined {
  return files ? new Modules(new MemoryModuleHost(files)) : undefined;
}
