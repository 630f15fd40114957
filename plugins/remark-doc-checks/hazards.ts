/**
 * Docusaurus's markdown preprocessor for the site: it sees each page before
 * the site's own markdown parser does. The remark plugins run after that
 * parser, too late to stop a page that would stall it (hundreds of nested
 * list levels, huge emphasis runs), so the same linear pre-scan the engine
 * uses refuses such a page here and the build fails at once, naming it.
 */
import type { MarkdownConfig } from '@docusaurus/types';
import { relativeToRoot } from '../doc-checks/source/paths';
import { parserHazard } from '../doc-checks/text';
import { formatDiagnostic } from './check';
import { preprocessorPageFailure } from './failure';

type MarkdownPreprocessor = NonNullable<MarkdownConfig['preprocessor']>;

export function refuseParserHazards(root: string): MarkdownPreprocessor {
  return ({ filePath, fileContent }) => {
    const hazard = parserHazard(fileContent);
    if (!hazard) return fileContent;
    const file = relativeToRoot(root, filePath) ?? filePath;
    const line = formatDiagnostic({
      file,
      line: hazard.point.line,
      column: hazard.point.column,
      ruleId: 'valid-input',
      message: hazard.message,
    });
    throw preprocessorPageFailure(`[doc-checks] 1 error in ${file}:\n  ${line}\nThe site's markdown parser would stall on this page; fix it before building.`);
  };
}
