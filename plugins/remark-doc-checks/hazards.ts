/**
 * Docusaurus's markdown preprocessor for the site: it sees each page before
 * the site's own markdown parser (and the MDX compiler) does. The remark
 * plugins run after that parser, too late to stop a page that would stall
 * it or that is code, so the engine's own refusals stop such a page here
 * and the build fails at once, naming it: MDX, a page reached through a
 * symbolic link or from outside the site, a page over the size budget, and
 * the shapes the linear pre-scan knows to stall the parser.
 */
import type { MarkdownConfig } from '@docusaurus/types';
import { formatRefusal, linkRefusal } from '../doc-checks/refusals';
import { relativeToRoot } from '../doc-checks/source/paths';
import { MAX_FILE_BYTES, parserHazard, type Hazard } from '../doc-checks/text';
import { formatDiagnostic } from './check';
import { preprocessorPageFailure } from './failure';

type MarkdownPreprocessor = NonNullable<MarkdownConfig['preprocessor']>;

export function refuseParserHazards(root: string): MarkdownPreprocessor {
  return ({ filePath, fileContent }) => {
    const file = relativeToRoot(root, filePath);
    const hazard = file === undefined ? outsideTheSite(filePath) : pageHazard(root, file, fileContent);
    if (!hazard) return fileContent;
    const name = file ?? filePath;
    const line = formatDiagnostic({
      file: name,
      line: hazard.point.line,
      column: hazard.point.column,
      ruleId: 'valid-input',
      message: hazard.message,
    });
    throw preprocessorPageFailure(`[doc-checks] 1 error in ${name}:\n  ${line}\nThe site does not build this page; fix it before building.`);
  };
}

function pageHazard(root: string, file: string, text: string): Hazard | undefined {
  return formatRefusal(file) ?? linkRefusal(root, file) ?? sizeRefusal(text) ?? parserHazard(text);
}

/** The bundler hands over the real path of a linked page: one outside the site came through a link. */
function outsideTheSite(filePath: string): Hazard {
  return {
    message: `\`${filePath}\` is outside the site directory (reached through a symbolic link?); expected a regular file in the repository`,
    point: { line: 1, column: 1 },
  };
}

/** The CLI checks the first 2 MiB of a larger file; the site does not publish what was not checked. */
function sizeRefusal(text: string): Hazard | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_FILE_BYTES) return undefined;
  return {
    message: `File is ${bytes} bytes; the site builds pages of at most ${MAX_FILE_BYTES} bytes (expected a guide of a few hundred KB)`,
    point: { line: 1, column: 1 },
  };
}
