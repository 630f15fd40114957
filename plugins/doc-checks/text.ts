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

/**
 * Shapes that make the markdown parser super-linear or overflow its stack:
 * containers nested hundreds deep (500 nested list levels take minutes,
 * 20,000 nested quotes overflow the stack) and emphasis delimiter runs of
 * thousands of characters. A file with one is not parsed; it gets a
 * diagnostic instead, so a hostile pull request cannot hang the check.
 */
const MAX_CONTAINER_PREFIX = 256;
const MAX_DELIMITER_RUN = 1000;

export function parserHazard(text: string): { message: string; point: { line: number; column: number } } | undefined {
  let line = 1;
  let lineStart = 0;
  let prefix = 0;
  let inPrefix = true;
  let run = 0;
  let runChar = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      prefix = 0;
      inPrefix = true;
      run = 0;
      continue;
    }
    if (inPrefix) {
      if (c === ' ' || c === '>') prefix++;
      else if (c === '\t') prefix += 4;
      else inPrefix = false;
      if (prefix > MAX_CONTAINER_PREFIX) {
        return {
          message: `Line ${line} is nested more than ${MAX_CONTAINER_PREFIX} columns deep in quotes, lists or indentation; the file was not checked (expected a document nested a few levels deep)`,
          point: { line, column: 1 },
        };
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      run = c === runChar ? run + 1 : 1;
      runChar = c;
      if (run > MAX_DELIMITER_RUN) {
        return {
          message: `A run of more than ${MAX_DELIMITER_RUN} \`${c}\` characters; the file was not checked (expected emphasis markers a few characters long)`,
          point: { line, column: i - lineStart - run + 2 },
        };
      }
    } else {
      run = 0;
      runChar = '';
    }
  }
  return undefined;
}
