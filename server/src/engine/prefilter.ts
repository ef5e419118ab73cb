// A cheap test run on raw text before anything is parsed: a file that never names a tfjs
// package and never mentions a global `tf` cannot produce findings. The word test errs on
// the side of parsing (a comment saying "tf" passes); it never skips a tfjs file.
const TFJS_HINT = /@tensorflow\/tfjs|\btf\b/;

export function mayUseTfjs(text: string): boolean {
  return TFJS_HINT.test(text);
}

/**
 * True when the file imports or requires a tfjs package; a browser script that does not uses
 * the global `tf` (a CDN URL in a string or comment, e.g. importScripts, is not an import).
 */
const TFJS_IMPORT = /(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*['"`]@tensorflow\/tfjs/;
export function importsTfjs(text: string): boolean {
  return text.includes('@tensorflow/tfjs') && TFJS_IMPORT.test(text);
}
