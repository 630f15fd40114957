// The least work any remark-based check must do: read each file and parse it
// with the engine's parser (CommonMark, GFM, frontmatter, directives), then
// stop. The bench runs it beside markdownlint-cli2 to measure the floor of a
// check that parses once with remark and once inside markdownlint.
import { readFileSync } from 'node:fs';
import { parseMarkdown } from '../../plugins/doc-checks/parse';

let nodes = 0;
for (const file of process.argv.slice(2)) {
  const tree = parseMarkdown(readFileSync(file, 'utf8'));
  nodes += tree.children.length;
}
process.stdout.write(`${nodes} top-level nodes\n`);
