/**
 * Keeping reports proportional to what was found. A message quotes the
 * input (a link's URL, a list of ids), and input can be megabytes: a
 * report of thousands of such findings must stay linear in their number,
 * so long quotes are cut and long lists shortened, always saying so.
 */

/** Characters of one message that reach a report; a real finding needs a few hundred. */
export const MAX_MESSAGE_LENGTH = 1000;

/** `text`, cut to `max` characters with a note of how many were left out. */
export function capText(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: half a character is not text.
  const code = text.charCodeAt(max - 1);
  const cut = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, cut)}… [${(text.length - cut).toLocaleString('en-US')} more characters cut]`;
}

/** The first `max` items joined with commas, and how many more there are. */
export function someOf(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more`;
}
