// The JavaScript/TypeScript inside HTML, Vue and Svelte files: the `<script>` blocks, found by
// htmlparser2 (a maintained, forgiving HTML tokenizer), with their offsets in the host file.
// Skipped: `<script src=...>` (the code is elsewhere) and non-JS types (templates, JSON,
// import maps, shaders). In Vue and Svelte files only top-level blocks count (a `<script>`
// inside a Vue template is not component code).
import type * as Htmlparser2 from 'htmlparser2';

export type HostKind = 'html' | 'vue' | 'svelte';

export interface ScriptBlock {
  /** Offsets of the block's code in the host text: [start, end). */
  start: number;
  end: number;
  /** The file extension the block's code is parsed with. */
  extension: '.js' | '.jsx' | '.ts' | '.tsx';
  /**
   * In an HTML page, whether an earlier `<script src>` loaded tfjs, so the browser global `tf`
   * exists when this block runs. Always true in Vue and Svelte (their code imports tfjs or
   * relies on the page that hosts the component).
   */
  tfLoaded: boolean;
}

const HOST_EXTENSIONS: Record<string, HostKind> = { '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.vue': 'vue', '.svelte': 'svelte' };

/** The host format of a file name, or undefined for a plain script. */
export function hostKindOf(fileName: string): HostKind | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : HOST_EXTENSIONS[fileName.slice(dot).toLowerCase()];
}

/** `type` values of scripts that hold JavaScript (JSX for Babel-in-the-browser pages). */
const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'text/jsx', 'text/babel']);

/** A `src` that loads tfjs: the npm package on a CDN, or a copy of its bundle (tf.min.js, tf.es2017.js, ...). */
const TFJS_SRC = /@tensorflow\/tfjs|\/tfjs(?:[@/.-]|$)|(?:^|\/)tf(?:\.[\w-]+)*\.js(?:[?#]|$)/i;

export function scriptBlocks(text: string, kind: HostKind): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  let depth = 0;
  let open: { start: number; extension: ScriptBlock['extension']; skip: boolean } | undefined;
  let tfLoaded = kind !== 'html';
  // Loaded here, not at the top: plain scripts (most files) never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser } = require('htmlparser2') as typeof Htmlparser2;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        if (name !== 'script') return;
        const type = (attributes.type ?? '').trim().toLowerCase();
        const lang = (attributes.lang ?? '').trim().toLowerCase();
        const src = attributes.src;
        if (src !== undefined && TFJS_SRC.test(src.trim())) tfLoaded = true;
        const topLevel = kind === 'html' || depth === 1;
        const extension = lang === 'ts' || lang === 'typescript' ? '.ts' : lang === 'tsx' ? '.tsx' : lang === 'jsx' || type === 'text/jsx' || type === 'text/babel' ? '.jsx' : '.js';
        const known = lang === '' || lang === 'js' || lang === 'javascript' || extension !== '.js';
        open = { start: parser.endIndex + 1, extension, skip: src !== undefined || !JS_TYPES.has(type) || !known || !topLevel };
      },
      onclosetag(name, implied) {
        depth = Math.max(0, depth - 1);
        if (name !== 'script' || !open) return;
        // An unclosed block runs to the end of the file (the tokenizer implies the close there).
        const end = implied ? text.length : parser.startIndex;
        if (!open.skip && end > open.start) blocks.push({ start: open.start, end, extension: open.extension, tfLoaded });
        open = undefined;
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true, recognizeSelfClosing: kind !== 'html' },
  );
  parser.end(text);
  return blocks;
}
