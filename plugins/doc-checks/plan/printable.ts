/**
 * Text from a review file or the command line reaches terminals and CI
 * logs: an escape sequence would drive the terminal, and a line starting
 * with `::error` would be taken by GitHub Actions as a workflow command.
 * Input with control characters is refused; anything read back is printed
 * with them replaced and cut to a length a reader can take in.
 */

/** C0 and C1 controls, DEL, and the invisible marks that reorder or split lines. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Longest reviewer name accepted, and longest text printed from a review file. */
export const MAX_NAME = 100;
export const MAX_TEXT = 500;

/** Why `value` of `option` is not acceptable input, or undefined. */
export function inputProblem(option: string, value: string, max: number): string | undefined {
  const control = value.match(CONTROL);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `${option} contains the control character U+${code}; expected plain text on one line`;
  }
  if (value.length > max) return `${option} is ${value.length} characters long; expected at most ${max}`;
  return undefined;
}

/** `text` with control characters replaced by a space and cut to `max` characters. */
export function printable(text: string, max = MAX_TEXT): string {
  const clean = String(text).replace(CONTROL, ' ');
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}
