// Numbers as messages and fixes print them: short, and as a person would write them.

/** 1e9 -> "1e9", 0.001 -> "0.001", 1e-7 -> "1e-7", 12.5 -> "12.5", 0.1 * 3 -> "0.3". */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) {
    const [mantissa, exponent] = x.toExponential().split('e');
    return `${Number(Number(mantissa).toPrecision(6))}e${Number(exponent)}`;
  }
  return String(Number(x.toPrecision(6)));
}
