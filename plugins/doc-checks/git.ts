/**
 * The little git the CLI needs: the repository root, and the files changed
 * since a base for `--changed`. git runs through execFile (no shell), with
 * every revision checked before it is used.
 */
import { execFile } from 'node:child_process';
import { noteGitObject } from './cache/track';

/** git is missing, or the base is not a commit: a usage error (exit status 2). */
export class GitError extends Error {
  override name = 'GitError';
}

const DEFAULT_BASES = ['origin/main', 'HEAD'];

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

async function tryGit(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch {
    return undefined;
  }
}

/** The top level of the git work tree holding `cwd`, if any. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  return (await tryGit(cwd, ['rev-parse', '--show-toplevel']))?.trim() || undefined;
}

async function isCommit(root: string, revision: string): Promise<boolean> {
  return (await tryGit(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])) !== undefined;
}

/** What `--changed` looks at: files to check, and files gone whose links may now be broken. */
export interface ChangedFiles {
  /** Added, modified or untracked files: they exist and are checked. */
  changed: Set<string>;
  /** Files deleted since the base: nothing to check, but pages linking to them are. */
  deleted: Set<string>;
}

/**
 * Repository-relative paths changed since the merge base of `base` (default:
 * `origin/main`, else `HEAD`) and the current commit, including uncommitted
 * edits and untracked files, with deleted files apart. In a repository
 * without commits every file counts as changed.
 */
export async function changedFiles(root: string, base?: string): Promise<ChangedFiles> {
  if ((await gitTopLevel(root)) === undefined) {
    throw new GitError('--changed: not inside a git repository');
  }
  if (base !== undefined) {
    // A leading dash would be read by git as an option.
    if (base.startsWith('-') || !(await isCommit(root, base))) {
      throw new GitError(`--changed: \`${base}\` is not a commit in this repository`);
    }
  }
  let resolved = base;
  if (resolved === undefined) {
    for (const candidate of DEFAULT_BASES) {
      if (await isCommit(root, candidate)) {
        resolved = candidate;
        break;
      }
    }
  }
  const untracked = ['ls-files', '-z', '--others', '--exclude-standard'];
  if (resolved === undefined) {
    return { changed: new Set(split(await git(root, [...untracked, '--cached']))), deleted: new Set() };
  }
  // `BASE...`: the changes of this branch only, not what landed on BASE since.
  const mergeBase = (await tryGit(root, ['merge-base', resolved, 'HEAD']))?.trim() || resolved;
  const diff = (filter: string) => git(root, ['diff', '--name-only', '-z', '--no-renames', `--diff-filter=${filter}`, mergeBase, '--']);
  const changed = split(await diff('d'));
  const deleted = split(await diff('D'));
  return { changed: new Set([...changed, ...split(await git(root, untracked))]), deleted: new Set(deleted) };
}

function split(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

/** The commit checked out in the work tree holding `cwd`, if it is one. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  const head = (await tryGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))?.trim();
  return head && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
}

/**
 * A file as it was at `commit`, relative to the top of the work tree holding
 * `cwd`; undefined when git, the commit or the file is not there.
 */
export async function fileAtCommit(cwd: string, commit: string, file: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(commit) || file.startsWith('-')) return undefined;
  const text = await tryGit(cwd, ['show', `${commit}:./${file}`]);
  noteGitObject(text !== undefined);
  return text;
}
