/**
 * Options are validated once, before any file is read, with an error that
 * names the option and what it accepts.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DISRUPTIVE_COMMANDS } from './disruptive-commands';
import type { CheckOptions, DisruptiveCommand } from './types';

export interface OptionsInput {
  root: string;
  sourceRoot?: string;
  disruptiveCommands?: DisruptiveCommand[];
  requireApprovals?: boolean;
  today?: string;
  disabledRules?: string[];
}

/** A usage or configuration problem: adapters turn it into exit code 2 or a build error. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function normaliseOptions(input: OptionsInput): CheckOptions {
  const root = path.resolve(input.root);
  if (!isDirectory(root)) throw new OptionsError(`root: \`${input.root}\` is not a directory`);
  const sourceRoot = input.sourceRoot ?? (process.env.RDS_CSI_SOURCE || undefined);
  if (sourceRoot !== undefined && !isDirectory(sourceRoot)) {
    throw new OptionsError(`sourceRoot: \`${sourceRoot}\` is not a directory; expected a checkout of the driver source`);
  }
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(today)) throw new OptionsError(`today: \`${today}\` is not a YYYY-MM-DD date`);
  const disruptiveCommands = input.disruptiveCommands ?? DEFAULT_DISRUPTIVE_COMMANDS;
  for (const [i, c] of disruptiveCommands.entries()) {
    if (!c || typeof c.program !== 'string' || !c.program || typeof c.name !== 'string') {
      throw new OptionsError(`disruptiveCommands[${i}]: expected {name, program, args?, requires}`);
    }
    if (c.requires !== 'caution' && c.requires !== 'danger') {
      throw new OptionsError(`disruptiveCommands[${i}].requires: \`${String(c.requires)}\`; expected \`caution\` or \`danger\``);
    }
    if (c.args !== undefined && !(Array.isArray(c.args) && c.args.every((a) => typeof a === 'string'))) {
      throw new OptionsError(`disruptiveCommands[${i}].args: expected a list of words`);
    }
  }
  return {
    root,
    sourceRoot: sourceRoot === undefined ? undefined : path.resolve(sourceRoot),
    disruptiveCommands,
    requireApprovals: input.requireApprovals ?? false,
    today,
    disabledRules: input.disabledRules ?? [],
  };
}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
