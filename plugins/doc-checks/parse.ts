/**
 * The one markdown parser of the engine: CommonMark + GFM + frontmatter +
 * directives, the same syntax the site build understands.
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective)
  .freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
