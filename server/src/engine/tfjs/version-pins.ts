// Which tfjs release a project pins: a version in a package URL (a CDN script tag, an
// importScripts call) or a package.json range. Apart from the API tables beside it, so that a
// run answered by --cache (which keys results by the pinned version) loads no catalog.

/**
 * The tfjs major version a text pins in a package URL (`.../npm/@tensorflow/tfjs@0.13.0`,
 * `unpkg.com/@tensorflow/tfjs@0.15`) or in the name of a copy kept beside the page, as a CDN
 * names its file (`<script src="./js/tfjs@0.11.6.js">`), or undefined when it pins none.
 */
export function pinnedTfjsMajor(text: string): number | undefined {
  const m = /(?:@tensorflow\/tfjs(?:-core|-layers)?|\btfjs)@\^?~?(\d+)(?:\.|\b)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The lowest major version a package.json range admits ('^0.13.0' -> 0, '~1.2' -> 1,
 * 'latest' or '*' -> undefined: not pinned to an old release).
 */
export function rangeMajor(range: string): number | undefined {
  const m = /^\s*(?:[\^~=v]|>=?)?\s*(\d+)(?:\.|$|\s)/.exec(range);
  return m ? Number(m[1]) : undefined;
}
