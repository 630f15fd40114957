/**
 * Turns file bytes into text for the parser, reporting (not throwing on)
 * input that is not UTF-8 or too large to check in bounded time.
 */
import type { Page } from './types';

/**
 * Larger files are cut here, so a check stays bounded whatever is committed:
 * markdown parsing costs seconds per megabyte, and a guide is ~100 KB.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): { text: string; problems: Page['readProblems'] } {
  const problems: Page['readProblems'] = [];
  let slice = bytes;
  if (bytes.byteLength > MAX_FILE_BYTES) {
    problems.push({
      message: `File is ${bytes.byteLength} bytes; only the first ${MAX_FILE_BYTES} bytes were checked`,
      point: { line: 1, column: 1 },
    });
    slice = bytes.subarray(0, MAX_FILE_BYTES);
  }
  try {
    return { text: stripBom(decoder.decode(slice)), problems };
  } catch {
    const text = new TextDecoder('utf-8').decode(slice);
    const bad = text.indexOf('\uFFFD');
    problems.push({
      message: 'File is not valid UTF-8; expected UTF-8 text (invalid bytes were replaced)',
      point: pointAt(text, Math.max(bad, 0)),
    });
    return { text: stripBom(text), problems };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
