/** The `--format` names of the CLI and the formatter behind each. */
import type { CheckResults } from '../types';
import { github } from './github';
import { json } from './json';
import { sarif } from './sarif';
import { stylish } from './stylish';

export type Formatter = (results: CheckResults) => string;

export const FORMATTERS = { stylish, json, sarif, github } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}
