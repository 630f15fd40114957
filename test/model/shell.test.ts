/**
 * The shell model reads mvdan-sh's Go structs directly (model/sh-ast.ts).
 * These tests hold it to mvdan-sh's public API on the same input, so an
 * upgrade that changes the struct layout fails here, and pin what rules
 * rely on: calls in every nesting, ssh remote commands, placeholders.
 */
import mvdan, { type ShNode } from 'mvdan-sh';
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../plugins/doc-checks/model/shell';

const { syntax } = mvdan;

const bash = (value: string) => parseCommand({ type: 'code', lang: 'bash', value });

/** Program name and line of every simple command, through the public API. */
function publicCalls(source: string): string[] {
  const calls: string[] = [];
  syntax.Walk(syntax.NewParser().Parse(source, 'x'), (node: ShNode | null) => {
    if (node && syntax.NodeType(node) === 'CallExpr' && node.Args.length > 0) {
      const first = (node.Args as ShNode[])[0].Parts as ShNode[];
      calls.push(`${node.Pos().Line()}:${first.map((p) => p.Value ?? '').join('')}`);
    }
    return true;
  });
  return calls.sort();
}

const SCRIPT = `NODE=$(kubectl get pod "$POD" -o jsonpath='{.spec.nodeName}')
for ip in $(kubectl get nodes -o name); do
  if ping -c1 "$ip" >/dev/null; then echo up; else echo down; fi
done
while ! kubectl get pvc test-hw-pvc-01; do sleep 2; done
case "$MODE" in
  fast) date ;;
  *) ( cd /tmp && ls ) ;;
esac
f() { { uptime; } | tee /dev/null; }
time dmesg | grep nvme
declare OUT="$(nvme list-subsys)"
diff <(sort a) <(sort b)
kubectl apply -f - <<'EOF'
kind: Pod
EOF`;

describe('shell model', () => {
  test('finds the same simple commands, on the same lines, as the public API', () => {
    const ours = bash(SCRIPT).calls.map((c) => `${c.line}:${c.words[0]}`).sort();
    expect(ours).toEqual(publicCalls(SCRIPT));
    expect(ours.length).toBe(19);
  });

  test('keeps quoted words whole and expansions as written', () => {
    const [call] = bash(`ssh "$NODE_IP" 'cat /sys/class/nvme/nvme0/ctrl_loss_tmo' --x="a b"`).calls;
    expect(call.words).toEqual(['ssh', '$NODE_IP', 'cat /sys/class/nvme/nvme0/ctrl_loss_tmo', '--x=a b']);
  });

  test('sees the command that ssh runs on the other host, on the ssh line', () => {
    const calls = bash(`echo start\nssh -i key admin@10.42.241.3 '/system/reboot'`).calls;
    expect(calls.map((c) => [c.line, c.words.join(' '), c.via])).toEqual([
      [1, 'echo start', undefined],
      [2, 'ssh -i key admin@10.42.241.3 /system/reboot', undefined],
      [2, '/system/reboot', 'admin@10.42.241.3'],
    ]);
  });

  test('gives the remote command as ssh sends it: quotes and escapes gone, local variables apart', () => {
    const remote = (text: string) => bash(text).calls.find((c) => c.remote)?.remote;
    expect(remote(`ssh -o BatchMode=yes admin@10.42.241.3 "/disk print detail where slot=\\"$VOL\\"" | grep -c "$VOL"`)).toEqual({
      host: 'admin@10.42.241.3',
      parts: [{ text: '/disk print detail where slot="' }, { variable: 'VOL' }, { text: '"' }],
    });
    // Single quotes keep `$` for the other host; words are joined by one space, as ssh joins them.
    expect(remote(`ssh rds '/file print where name~"$x"' \\-a "\${Y}" a\\ b "c\\d"`)?.parts).toEqual([
      { text: '/file print where name~"$x" -a ' },
      { variable: 'Y' },
      { text: ' a b c\\d' },
    ]);
    // What a run cannot fill in is named, not guessed.
    expect(remote(`ssh rds "slot=$(cat f) \${V:-x} \${#W}" $'z'`)?.parts).toEqual([
      { text: 'slot=' }, { unexpanded: '$(…)' }, { text: ' ' }, { unexpanded: '${V…}' }, { text: ' ' }, { unexpanded: '${W…}' },
      { text: ' ' }, { unexpanded: "$'z'" },
    ]);
    // Only the local ssh call carries it; the calls seen on the other host do not.
    expect(bash(`ssh rds 'ssh inner ls'`).calls.filter((c) => c.remote).map((c) => c.remote!.host)).toEqual(['rds']);
  });

  test('reports <placeholders> that the shell reads as redirections, with their position', () => {
    const command = bash(`kubectl get pods\n  kubectl get pod <pod-name> -o wide\nsort < in.txt > out.txt`);
    expect(command.placeholders).toEqual([{ text: '<pod-name>', line: 2, column: 19 }]);
  });

  test('reports the first syntax error with its position and never throws', () => {
    expect(bash('echo ok\necho "unterminated').syntaxError).toEqual({
      message: 'reached EOF without closing quote "',
      line: 2,
      column: 6,
    });
    expect(bash('\u0000\u0001((((').calls).toEqual([]);
  });

  test('a block nested deeper than the parsers can go is marked too deep, not a crash', () => {
    const tooDeep = { message: 'nested too deep to parse', line: 1, column: 1, tooDeep: true };
    // 1,000 nested subshells overflow mvdan-sh's stack.
    expect(bash(`${'('.repeat(1000)}true${')'.repeat(1000)}`).syntaxError).toEqual(tooDeep);
    // 5,000 piped commands parse, but as a tree 5,000 deep, deeper than the walk over it can go.
    expect(bash(`${'a | '.repeat(5000)}b`).syntaxError).toEqual(tooDeep);
    // Hundreds are fine.
    expect(bash(`${'a | '.repeat(500)}b`).calls).toHaveLength(501);
  });
});
