// A cheap test run on raw text before anything is parsed: a file that never names a tfjs
// package and never mentions a global `tf` cannot produce findings. The word test errs on
// the side of parsing (a comment saying "tf" passes); it never skips a tfjs file.
const TFJS_HINT = /@tensorflow\/tfjs|\btf\b/;

export function mayUseTfjs(text: string): boolean {
  return TFJS_HINT.test(text);
}
