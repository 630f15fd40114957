/**
 * Reads multi-document YAML (the driver's manifests, a guide's manifest
 * blocks) with positions, refusing input that would hang or exhaust the
 * parser: nesting too deep (the same pre-scan as frontmatter) and alias
 * expansion that explodes ("billion laughs").
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { yamlHazard } from '../text';
import { trace } from '../watchdog/trace';

/** Each alias may be expanded this many times; real manifests use none or a few. */
const MAX_ALIAS_COUNT = 100;
/** A manifest block or file with more documents than this is not a manifest. */
const MAX_DOCUMENTS = 500;

export interface YamlDoc {
  /** The document as plain data. */
  value: unknown;
  doc: Document;
}

export interface YamlRead {
  docs: YamlDoc[];
  /** Why (part of) the text was not read, at an offset of the text. */
  problem?: { message: string; offset: number };
}

/**
 * Parses kept by text, for a while. Two rules read every manifest of a page
 * (`k8s-manifest` validates it, `kubectl-ref` learns its objects), and the
 * parse costs far more than turning it into plain data, which is done anew
 * for every reader so that no reader sees what another did to its values.
 * Bounded by the text kept, oldest parse dropped first.
 */
const kept = new Map<string, Document[]>();
let keptBytes = 0;
const MAX_KEPT_BYTES = 1024 * 1024;

function parsedDocuments(text: string, what: string): Document[] {
  const known = kept.get(text);
  if (known) return known;
  trace(`parse yaml: ${what}`);
  const parsed = parseAllDocuments(text, { uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  if (text.length <= MAX_KEPT_BYTES) {
    kept.set(text, documents);
    keptBytes += text.length;
    for (const [oldest] of kept) {
      if (keptBytes <= MAX_KEPT_BYTES) break;
      kept.delete(oldest);
      keptBytes -= oldest.length;
    }
  }
  return documents;
}

export function readYaml(text: string, what = 'a manifest'): YamlRead {
  const hazard = yamlHazard(text, what);
  if (hazard) return { docs: [], problem: hazard };
  const documents = parsedDocuments(text, what);
  if (documents.length > MAX_DOCUMENTS) {
    return { docs: [], problem: { message: `${documents.length} YAML documents; expected at most ${MAX_DOCUMENTS}`, offset: 0 } };
  }
  const docs: YamlDoc[] = [];
  for (const doc of documents) {
    const [error] = doc.errors;
    if (error) {
      // The parser's own "at line N, column M" counts from the YAML, not the file.
      const reason = error.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
      return { docs, problem: { message: `YAML does not parse: ${reason}`, offset: error.pos[0] } };
    }
    try {
      docs.push({ value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc });
    } catch (thrown) {
      const reason = (thrown as Error).message.split('\n')[0];
      const offset = doc.contents?.range?.[0] ?? 0;
      return { docs, problem: { message: `YAML refused: ${reason} (expected a manifest whose aliases expand to a bounded size)`, offset } };
    }
  }
  return { docs };
}

/**
 * Where a path of keys and indexes sits in a document: the key's range for
 * a map entry (so a misspelt field is reported at its key), the item's
 * range for a sequence element. Falls back to the deepest node found.
 */
export function rangeAt(doc: Document, path: readonly (string | number)[]): [number, number] {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let range: [number, number] = rangeOf(node) ?? [0, 0];
  for (const segment of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      range = rangeOf(pair.key as YamlNode) ?? range;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      range = rangeOf(item) ?? range;
      node = item;
    } else {
      break;
    }
  }
  return range;
}

function resolveAlias(doc: Document, node: YamlNode | null | undefined): YamlNode | null | undefined {
  // One step: toJS already refused documents whose aliases explode.
  return isAlias(node) ? (node.resolve(doc) as YamlNode | undefined) : node;
}

function rangeOf(node: YamlNode | null | undefined): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}
