/**
 * Reads the `<task>` blocks of a plan body. The body is markdown with an
 * XML-like layer of tags (`<objective>`, `<tasks>`, `<task type=...>`,
 * `<name>`, `<action>` ...) whose contents are prose: they may hold `<`,
 * placeholders such as `<node-ip>`, backticks and code. So the scanner finds
 * tags, and the reader treats the content of each known task field as raw
 * text up to its own closing tag. Both passes are linear in the body size.
 */
import type { CheckpointType, Gate, PlanProblem, PlanTask } from './model';
import type { LineIndex } from '../line-index';

export const CHECKPOINT_TYPES: readonly CheckpointType[] = [
  'checkpoint:human-verify',
  'checkpoint:decision',
  'checkpoint:human-action',
];
export const GATES: readonly Gate[] = ['blocking', 'blocking-human', 'advisory'];

/** Task children whose content is kept, by tag name. */
const FIELDS = {
  name: 'name',
  files: 'files',
  action: 'action',
  verify: 'verify',
  done: 'done',
  'what-built': 'whatBuilt',
  'how-to-verify': 'howToVerify',
  'resume-signal': 'resumeSignal',
} as const;
type FieldTag = keyof typeof FIELDS;
const isField = (name: string): name is FieldTag => Object.hasOwn(FIELDS, name);

export interface Tag {
  kind: 'open' | 'close' | 'self';
  /** Lower-cased tag name. */
  name: string;
  attributes: Record<string, string>;
  /** Offsets of `<` and just after `>` in the scanned text. */
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------
// Scanner

const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const SPACE = /[ \t\r\n]/;

/**
 * Every well-formed tag in `text`. Anything that is not a tag (a lone `<`,
 * `a < b`, an unterminated attribute) is text. An attempt never reads past
 * the next `<`, so the whole scan is linear.
 */
export function scanTags(text: string): Tag[] {
  const tags: Tag[] = [];
  let i = text.indexOf('<');
  while (i !== -1) {
    const tag = readTag(text, i);
    if (tag) tags.push(tag);
    i = text.indexOf('<', tag ? tag.end : i + 1);
  }
  return tags;
}

function readTag(text: string, start: number): Tag | undefined {
  let i = start + 1;
  const closing = text[i] === '/';
  if (closing) i++;
  if (!NAME_START.test(text[i] ?? '')) return undefined;
  const nameStart = i;
  while (i < text.length && NAME_CHAR.test(text[i])) i++;
  const name = text.slice(nameStart, i).toLowerCase();
  const attributes: Record<string, string> = {};
  for (;;) {
    const beforeSpace = i;
    while (i < text.length && SPACE.test(text[i])) i++;
    const ch = text[i];
    if (ch === '>') return { kind: closing ? 'close' : 'open', name, attributes, start, end: i + 1 };
    if (ch === '/' && text[i + 1] === '>' && !closing) return { kind: 'self', name, attributes, start, end: i + 2 };
    // Attributes are separated by white space and closing tags have none.
    if (closing || i === beforeSpace || !NAME_START.test(ch ?? '')) return undefined;
    const attrStart = i;
    while (i < text.length && NAME_CHAR.test(text[i])) i++;
    const attrName = text.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < text.length && SPACE.test(text[j])) j++;
    if (text[j] !== '=') {
      attributes[attrName] = '';
      continue;
    }
    j++;
    while (j < text.length && SPACE.test(text[j])) j++;
    const quote = text[j];
    if (quote === '"' || quote === "'") {
      let k = j + 1;
      while (k < text.length && text[k] !== quote && text[k] !== '<') k++;
      if (text[k] !== quote) return undefined;
      attributes[attrName] = text.slice(j + 1, k);
      i = k + 1;
    } else {
      let k = j;
      while (k < text.length && !/[\s"'<>=`]/.test(text[k])) k++;
      if (k === j) return undefined;
      attributes[attrName] = text.slice(j, k);
      i = k;
    }
  }
}

// ---------------------------------------------------------------------------
// Reader

/** Finds, in logarithmic time, the next tag of a kind and name after a position. */
class TagIndex {
  private readonly byKey = new Map<string, number[]>();

  constructor(tags: Tag[]) {
    tags.forEach((tag, index) => {
      this.add(`${tag.kind} ${tag.name}`, index);
      // Real tasks carry a type; a bare `<task>` may be a mention in prose.
      if (tag.kind === 'open' && tag.name === 'task' && tag.attributes.type !== undefined) this.add('typed task', index);
    });
  }

  private add(key: string, index: number): void {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    list.push(index);
  }

  /** Index of the first `kind name` tag after tag index `after`, or undefined. */
  next(kind: Tag['kind'], name: string, after: number): number | undefined {
    return this.nextOf(`${kind} ${name}`, after);
  }

  /** Index of the first tag filed under `key` after tag index `after`, or undefined. */
  nextOf(key: string, after: number): number | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  }
}

export function readTasks(
  text: string,
  offset: number,
  lines: LineIndex,
  problems: PlanProblem[],
): PlanTask[] {
  const tags = scanTags(text);
  const index = new TagIndex(tags);
  const at = (tag: Tag) => lines.point(offset + tag.start);
  const tasks: PlanTask[] = [];

  /** Skip an element whose content is prose, when it closes and holds no task. */
  const skipElement = (k: number, limit: number | undefined): number => {
    const close = index.next('close', tags[k].name, k);
    if (close === undefined || (limit !== undefined && close > limit)) return k + 1;
    const task = index.nextOf('typed task', k);
    if (task !== undefined && task < close) return k + 1;
    return close + 1;
  };

  const readTask = (k: number): number => {
    const open = tags[k];
    const number = tasks.length + 1;
    const fields: Partial<Record<FieldTag, string>> = {};
    // Structural boundaries that prose inside a field does not contain: the next
    // task (with its type) and the end of the task list. A literal `</task>`
    // inside a field is prose, so it does not end the field.
    const boundary = minDefined(index.nextOf('typed task', k), index.next('close', 'tasks', k));
    const before = (i: number | undefined) => i !== undefined && (boundary === undefined || i < boundary);
    let j = k + 1;
    let closed = false;
    while (j < tags.length) {
      const tag = tags[j];
      if (tag.kind === 'close' && tag.name === 'task') {
        closed = true;
        j++;
        break;
      }
      if ((tag.kind === 'open' && tag.name === 'task') || (tag.kind === 'close' && tag.name === 'tasks')) {
        const where = at(tag);
        problems.push({
          message: `Task ${number} is not closed; expected \`</task>\` before the \`<${tag.kind === 'close' ? '/' : ''}${tag.name}>\` on line ${where.line}`,
          at: at(open),
        });
        break;
      }
      if (tag.kind === 'open' && isField(tag.name)) {
        const fieldClose = index.next('close', tag.name, j);
        const fieldEnds = before(fieldClose);
        // An unclosed field runs to the task's `</task>`, or to the boundary.
        const taskClose = index.next('close', 'task', j);
        const stop = fieldEnds ? fieldClose! : before(taskClose) ? taskClose! : boundary;
        const contentEnd = stop !== undefined ? tags[stop].start : text.length;
        if (!fieldEnds) {
          problems.push({
            message: `\`<${tag.name}>\` of task ${number} is not closed; expected \`</${tag.name}>\``,
            at: at(tag),
          });
        }
        if (fields[tag.name] !== undefined) {
          problems.push({
            message: `Task ${number} has a second \`<${tag.name}>\`; expected one (the first is used)`,
            at: at(tag),
          });
        } else {
          fields[tag.name] = text.slice(tag.end, contentEnd);
        }
        j = fieldEnds ? fieldClose! + 1 : (stop ?? tags.length);
        continue;
      }
      j = tag.kind === 'open' ? skipElement(j, boundary) : j + 1;
    }
    if (!closed && j >= tags.length) {
      problems.push({ message: `Task ${number} is not closed; expected \`</task>\` before the end of the file`, at: at(open) });
    }
    tasks.push(buildTask(number, open, fields, at(open), problems));
    return j;
  };

  let k = 0;
  while (k < tags.length) {
    const tag = tags[k];
    if (tag.kind === 'open' && tag.name === 'task') k = readTask(k);
    else if (tag.kind === 'open' && tag.name !== 'tasks') k = skipElement(k, undefined);
    else k++;
  }
  return tasks;
}

function minDefined(...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

function buildTask(
  number: number,
  open: Tag,
  fields: Partial<Record<FieldTag, string>>,
  at: PlanTask['at'],
  problems: PlanProblem[],
): PlanTask {
  const type = open.attributes.type;
  const gate = open.attributes.gate;
  const name = fields.name?.replace(/\s+/g, ' ').trim() ?? '';
  if (type === undefined || type.trim() === '') {
    problems.push({
      message: `Task ${number} has no \`type\`; expected \`auto\` or one of ${CHECKPOINT_TYPES.map((t) => `\`${t}\``).join(', ')}`,
      at,
    });
  } else if (type.startsWith('checkpoint') && !CHECKPOINT_TYPES.includes(type as CheckpointType)) {
    problems.push({
      message: `Task ${number} has type \`${type}\`; expected one of ${CHECKPOINT_TYPES.map((t) => `\`${t}\``).join(', ')}`,
      at,
    });
  }
  if (gate !== undefined && !GATES.includes(gate as Gate)) {
    problems.push({
      message: `Task ${number} has gate \`${gate}\`; expected one of ${GATES.map((g) => `\`${g}\``).join(', ')}`,
      at,
    });
  }
  if (name === '') {
    problems.push({ message: `Task ${number} has no \`<name>\`; expected \`<name>Task ${number}: ...</name>\``, at });
  }
  const task: PlanTask = {
    index: number,
    type: type ?? '',
    name,
    files: (fields.files ?? '')
      .split(/[,\n]/)
      .map((f) => f.trim())
      .filter((f) => f !== ''),
    at,
  };
  if (gate !== undefined) task.gate = gate;
  for (const tag of ['action', 'verify', 'done', 'what-built', 'how-to-verify', 'resume-signal'] as const) {
    const value = fields[tag];
    if (value !== undefined) task[FIELDS[tag] as 'action'] = dedent(value);
  }
  return task;
}

/** Trim blank edges and the indentation all lines share, so prose reads as written. */
export function dedent(value: string): string {
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    common = Math.min(common, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(common)) common = 0;
  return lines.map((line) => line.slice(Math.min(common, line.length - line.trimStart().length))).join('\n').trimEnd();
}

export const isCheckpoint = (task: PlanTask): boolean => CHECKPOINT_TYPES.includes(task.type as CheckpointType);
