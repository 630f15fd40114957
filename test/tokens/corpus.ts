/**
 * A seeded generator of markdown documents for holding the token converter
 * to remark: block and inline snippets of the syntax the guides use (and
 * the edges around it), put together at random, nested in lists, quotes and
 * directives. The same seed gives the same documents, so a failure names a
 * document that can be made again.
 */

/** mulberry32: small, fast, and good enough to pick snippets. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Picker {
  constructor(readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  one<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const WORDS = ['alpha', 'node', 'volume', 'NVMe/TCP', 'café', 'naïve', 'Größe', '日本語', 'données', 'emoji 🎉', 'x', '42', 'a_b_c', 'snake_case', 'foo*bar', 'it\'s', '"quoted"', '(paren)', 'semi;colon', 'a|b'];

/** One inline snippet; some are meant to be read differently by the two parsers or not at all. */
function inline(pick: Picker, depth: number): string {
  const inner = () => (depth < 2 ? phrase(pick, depth + 1, 1 + pick.int(3)) : pick.one(WORDS));
  switch (pick.int(34)) {
    case 0: return `*${inner()}*`;
    case 1: return `_${inner()}_`;
    case 2: return `**${inner()}**`;
    case 3: return `__${inner()}__`;
    case 4: return `\`${pick.one(['code', 'a b', ' x ', 'a\\|b', '``', 'kubectl get pv', 'x`'])}\``;
    case 5: return `\`\` a \` b \`\``;
    case 6: return `[${inner()}](${pick.one(['https://example.com', '../pkg/a.go', '#anchor', '<a b.md>', 'x.md "Title"', "y.md 'single'", 'z.md (paren)', 'a\\_b.md', 'a&amp;b', ''])})`;
    case 7: return `![${inner()}](${pick.one(['img.png', 'a.svg "Alt title"', '<sp ace.png>'])})`;
    case 8: return pick.one(['<https://example.com/a?b=c>', '<mailto:a@b.co>', '<a@b.co>', '<irc://host>']);
    case 9: return pick.one(['https://example.com/path.', 'http://example.com/(x)', 'www.example.com', 'www.example.com/a_b', 'user@example.com', 'mailto:x@y.z', 'https://a.b/c?d=e&f=g']);
    case 10: return pick.one(['\\*', '\\_', '\\\\', '\\`', '\\[', '\\#', '\\<', '\\!', '\\a']);
    case 11: return pick.one(['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&apos;', '&#35;', '&#x41;', '&#0;', '&#X1F600;', '&#xD800;', '&bogus;', '& amp;', '&copy;']);
    case 12: return pick.one(['  \n', '\\\n', '   \n']) + pick.one(WORDS);
    case 13: return pick.one(['<span>x</span>', '<br>', '<br/>', '<!-- note -->', '<kbd>Ctrl</kbd>', '<a href="x">y</a>']);
    case 14: return pick.one([':abbr[CSI]', ':kbd[Ctrl]', ':name', `:em[${inner()}]`]);
    case 15: return pick.one(['~one~', '~~two~~', 'a ~ b', '~', '~1ms', '(~3ms)', 'a~b', '~/.kube', 'x~~y', '~~~', 'a~', '\\~', '~é~', '🎉~']);
    case 16: return pick.one(['[ref]', '[text][ref]', '[^1]', '[x]', '[ ]', '[a]b', '] [']);
    case 17: return pick.chance(0.3) ? pick.one(['$x$', '$$y$$', 'costs $5']) : pick.one(WORDS);
    case 18: return pick.one(['*', '_', '**', 'a * b', '2*3*4', '__init__', '* not a list']);
    case 19: return pick.one(['#', '# not heading', '1.', '>', '|', '-', '+', '=']);
    // Inline content that goes on over a line ending, which a container prefixes.
    case 20: return `${pick.one(['*', '_', '**', '__'])}${pick.one(WORDS)}\n${inner()}${pick.one(['*', '_', '**', '__'])}`;
    case 21: return pick.one(['`a\nb`', '``\nx\n``', '[a\nb](u.md)', '[a](u.md\n"t")', '<span\nclass="x">', ':em[a\nb]', '![a\nb](i.png)']);
    case 22: return pick.one(['www.example.com.', '(https://x.y)', 'https://x.y)', 'a.b@c.de', 'a@b.c_d', 'https://x.y/a*b*', 'http://a.b?c=d.', 'www.a.b/c"d']);
    case 23: return pick.one(['[](u.md)', '![](i.png)', '[a](<>)', '[a](u.md "t &amp; \\"q\\"")', '[a](u&#46;md)', '<a@b.c>x', '**a** **b**', '*a**b*']);
    default: return pick.one(WORDS);
  }
}

function phrase(pick: Picker, depth: number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(inline(pick, depth));
  return parts.join(pick.one([' ', ' ', ' ', '', '  ']));
}

/** A paragraph's lines, some with trailing spaces. */
function paragraphLines(pick: Picker): string[] {
  const lines: string[] = [];
  const count = 1 + pick.int(3);
  for (let i = 0; i < count; i++) {
    let line = phrase(pick, 0, 1 + pick.int(5));
    if (pick.chance(0.1)) line += pick.one([' ', '  ', '\u00a0']);
    if (pick.chance(0.05)) line = pick.one([' ', '  ', '   ']) + line;
    lines.push(...line.split('\n'));
  }
  return lines;
}

function heading(pick: Picker): string[] {
  const text = phrase(pick, 1, 1 + pick.int(3));
  if (pick.chance(0.3)) {
    return [...text.split('\n'), pick.one(['===', '---', '=', '-', '======  ', '--- '])];
  }
  const marks = '#'.repeat(1 + pick.int(6));
  const close = pick.one(['', '', ' #', ' ##', ' #  ', ' \\#', '#']);
  return [`${pick.one(['', '', ' '])}${marks}${pick.one([' ', ' ', '  '])}${text.replace(/\n/g, ' ')}${close}`];
}

function fencedCode(pick: Picker): string[] {
  const fence = pick.one(['```', '````', '~~~']);
  const info = pick.one(['', 'bash', 'go', 'yaml title="x.yaml"', 'sh {1,3}', 'text  meta  more', 'a&amp;b', 'c\\_d ']);
  const body = pick.one([[], ['kubectl get pods'], ['func main() {', '    return', '}'], ['', 'after blank', ''], ['```not a close'], ['  indented', 'x  '], ['&amp; \\*', '  ']]);
  const closing = pick.chance(0.9) ? [fence + pick.one(['', '', '`', ' '])] : [];
  return [`${fence}${info}`, ...body, ...closing];
}

function indentedCode(pick: Picker): string[] {
  return pick.one([['    code line'], ['    a', '', '    b'], ['     five spaces', '    four'], ['    x', '    '], ['    a', '  ', '', '    b  ']]);
}

function table(pick: Picker): string[] {
  const columns = 1 + pick.int(3);
  const cell = () => pick.one(['a', 'b c', '`code`', '`a\\|b`', 'x \\| y', '', '**bold**', '[l](u)', 'https://x.y', ' pad ', 'é']);
  const row = () => Array.from({ length: columns }, cell);
  const align = Array.from({ length: columns }, () => pick.one(['---', ':--', '--:', ':-:', '-', ' --- ']));
  const render = (cells: string[]) => (pick.chance(0.8) ? `| ${cells.join(' | ')} |` : cells.join(' | '));
  const rows = [render(row()), render(align)];
  const body = pick.int(4);
  for (let i = 0; i < body; i++) rows.push(render(pick.chance(0.1) ? row().slice(1) : row()));
  return rows;
}

function list(pick: Picker, depth: number): string[] {
  const ordered = pick.chance(0.4);
  const bullet = pick.one(['-', '*', '+']);
  const delimiter = pick.one(['.', ')']);
  const start = pick.one([1, 1, 2, 0, 10]);
  const loose = pick.chance(0.3);
  const lines: string[] = [];
  const count = 1 + pick.int(4);
  for (let i = 0; i < count; i++) {
    const marker = ordered ? `${start + i}${delimiter}` : bullet;
    const space = pick.one([' ', ' ', ' ', '  ']);
    const check = pick.chance(0.25) ? pick.one(['[ ] ', '[x] ', '[X] ', '[ ]  ', '[x]', '[  ] ', '[x]\t']) : '';
    const pad = ' '.repeat(marker.length + space.length);
    const content = blocks(pick, depth + 1, 1 + pick.int(depth < 2 ? 3 : 1));
    if (check) content[0] = check + (content[0] ?? '');
    if (loose && i > 0) lines.push('');
    content.forEach((line, index) => {
      if (index === 0) lines.push(`${marker}${line === '' ? '' : space}${line}`);
      else lines.push(line === '' ? '' : pick.chance(0.05) ? line : pad + line);
    });
  }
  return lines;
}

function blockquote(pick: Picker, depth: number): string[] {
  const content = blocks(pick, depth + 1, 1 + pick.int(2));
  return content.map((line, index) => {
    if (index > 0 && line !== '' && pick.chance(0.1)) return line; // a lazy line
    return line === '' ? pick.one(['>', '> ', '']) : `${pick.one(['> ', '>', '>  '])}${line}`;
  });
}

function directive(pick: Picker, depth: number): string[] {
  const name = pick.one(['note', 'tip', 'danger', 'caution', 'details', 'x-y']);
  if (pick.chance(0.3)) return [`::${name}${pick.one(['', '[label]', '[**bold** label]', '[]', ' x', pick.chance(0.3) ? '{#id}' : ''])}`];
  const label = pick.one(['', '', '[Title]', '[`code` title]', '[]', '[a *b*]', pick.chance(0.3) ? '{.cls}' : '[T]']);
  const colons = pick.one([':::', ':::', '::::']);
  return [`${colons}${name}${label}`, ...blocks(pick, depth + 1, 1 + pick.int(2)), ...(pick.chance(0.9) ? [colons] : [])];
}

function html(pick: Picker): string[] {
  return pick.one([['<div>', 'text', '</div>'], ['<details>', '<summary>More</summary>'], ['<!-- comment -->'], ['<br>'], ['<img src="a.png">'], ['<!-- one -->'], ['<hr/>']]);
}

function block(pick: Picker, depth: number): string[] {
  const choice = pick.int(depth > 2 ? 8 : 14);
  switch (choice) {
    case 0: return heading(pick);
    case 1: return fencedCode(pick);
    case 2: return indentedCode(pick);
    case 3: return table(pick);
    case 4: return [pick.one(['***', '___', '* * *', '- - -', '_____', '---'])];
    case 5: return html(pick);
    case 6: return directive(pick, depth);
    case 7: case 8: return paragraphLines(pick);
    case 9: case 10: return list(pick, depth);
    case 11: return blockquote(pick, depth);
    default: return paragraphLines(pick);
  }
}

function blocks(pick: Picker, depth: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const gap = pick.one([1, 1, 1, 2, 0]);
      for (let g = 0; g < gap; g++) lines.push(pick.chance(0.1) ? pick.one([' ', '  ']) : '');
    }
    lines.push(...block(pick, depth));
  }
  return lines;
}

function frontMatter(pick: Picker): string {
  switch (pick.int(30)) {
    case 0: return '---\ntitle: Guide\n---\n';
    case 1: return '---\ntitle: Guide\ntags: [a, b]\n---\n\n';
    case 2: return '---\n---\n';
    case 3: return '+++\ntitle = "x"\n+++\n';
    case 4: return '---\ntitle: x\n';
    case 5: return '---\nkey: value\n---\n\n\n';
    case 6: return '---\n';
    default: return '';
  }
}

/** Document `index` of the corpus made from `seed`. */
export function document(seed: number, index: number): string {
  const pick = new Picker(random(seed * 1_000_003 + index));
  let text = frontMatter(pick) + blocks(pick, 0, 1 + pick.int(6)).join('\n');
  if (pick.chance(0.7)) text += '\n';
  if (pick.chance(0.05)) text += '\n\n';
  return text;
}
