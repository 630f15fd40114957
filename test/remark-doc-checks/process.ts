/** Runs markdown through the site's parser settings plus one adapter plugin, as the build does. */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Pluggable } from 'unified';
import { VFile } from 'vfile';

export async function transform(markdown: string, plugin: Pluggable, path?: string): Promise<Root> {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use([plugin]);
  const file = new VFile({ value: markdown, ...(path ? { path } : {}) });
  return (await processor.run(processor.parse(file), file)) as Root;
}
