/** Diagnostics that adapters and the engine raise about a file as a whole. */
import { ruleUrl } from './rules/url';
import type { Diagnostic } from './types';

/** A `valid-input` error about a whole file (missing, outside the repository). */
export function inputProblem(file: string, message: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    ruleId: 'valid-input',
    severity: 'error',
    message,
    url: ruleUrl('valid-input'),
  };
}
