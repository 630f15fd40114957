/**
 * The parsed model of a planning file (`.planning/**\/*-PLAN.md`): YAML
 * frontmatter with its must_haves, and the `<task>` blocks of the body.
 */
import type { Point } from '../types';

export interface Located<T> {
  value: T;
  /** Where the value stands in the plan file (1-based). */
  at: Point;
}

export interface Artifact {
  path: string;
  provides?: string;
  contains?: string;
  exports?: string[];
  minLines?: number;
  maxLines?: number;
  at: Point;
}

export interface KeyLink {
  from: string;
  to: string;
  via?: string;
  /** The pattern after YAML unescaping: a JavaScript regex source, no flags. */
  pattern?: string;
  at: Point;
}

export type CheckpointType =
  | 'checkpoint:human-verify'
  | 'checkpoint:decision'
  | 'checkpoint:human-action';

export type Gate = 'blocking' | 'blocking-human' | 'advisory';

export interface PlanTask {
  /** 1-based position among the plan's tasks. */
  index: number;
  type: string;
  gate?: string;
  name: string;
  files: string[];
  action?: string;
  verify?: string;
  done?: string;
  whatBuilt?: string;
  howToVerify?: string;
  resumeSignal?: string;
  at: Point;
}

export interface PlanProblem {
  message: string;
  at: Point;
}

export interface Plan {
  /** Repository-relative path with forward slashes. */
  path: string;
  text: string;
  phase?: string;
  plan?: string | number;
  filesModified: string[];
  truths: Located<string>[];
  artifacts: Artifact[];
  keyLinks: KeyLink[];
  tasks: PlanTask[];
  /** YAML or task-block problems; the plan is still returned as far as it could be read. */
  problems: PlanProblem[];
}
