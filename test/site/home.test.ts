import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { attr, hasClass, loadPage } from './html';

const BASE_URL = '/rds-csi-docs/';

function htmlFiles(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return htmlFiles(dir, child);
    return entry.name.endsWith('.html') ? [child] : [];
  });
}

describe('the built site', () => {
  it('has a home page that leads to both guides and to the rules', () => {
    const elements = loadPage(inject('buildDir'), 'index.html');
    const main = elements.filter((e) => e.tagName === 'a' && !hasClass(e, 'navbar__item') && !hasClass(e, 'footer__link-item'));
    const hrefs = main.map((a) => attr(a, 'href'));
    expect(hrefs).toEqual(
      expect.arrayContaining([`${BASE_URL}docs/hardware-validation`, `${BASE_URL}docs/testing`, `${BASE_URL}rules`]),
    );
  });

  it('publishes the rule pages under /rules and the plan review under /review', () => {
    const files = htmlFiles(inject('buildDir'));
    expect(files).toEqual(expect.arrayContaining(['rules.html', 'review.html']));
  });

  it('loads every script, stylesheet, font and icon from the site itself', () => {
    const buildDir = inject('buildDir');
    const external: string[] = [];
    for (const file of htmlFiles(buildDir)) {
      for (const element of loadPage(buildDir, file)) {
        const source =
          element.tagName === 'script' || element.tagName === 'img' || element.tagName === 'iframe'
            ? attr(element, 'src')
            : element.tagName === 'link' && !['canonical', 'alternate'].includes(attr(element, 'rel') ?? '')
              ? attr(element, 'href')
              : undefined;
        if (source && /^(https?:)?\/\//.test(source)) external.push(`${file}: <${element.tagName}> ${source}`);
      }
    }
    expect(external).toEqual([]);
  });

  it('ships an offline search index of the guides and the rules, fetched with a content hash', () => {
    const buildDir = inject('buildDir');
    const index = JSON.parse(readFileSync(path.join(buildDir, 'search-index.json'), 'utf8')) as {
      documents: { u: string }[];
    }[];
    const urls = new Set(index.flatMap((part) => part.documents.map((d) => d.u)));
    for (const url of ['docs/hardware-validation', 'docs/testing', 'rules']) expect(urls).toContain(`${BASE_URL}${url}`);
    const scripts = readdirSync(path.join(buildDir, 'assets/js')).map((f) => readFileSync(path.join(buildDir, 'assets/js', f), 'utf8'));
    expect(scripts.some((js) => /search-index\{dir\}\.json\?_=[0-9a-f]{6,}/.test(js))).toBe(true);
  });
});
