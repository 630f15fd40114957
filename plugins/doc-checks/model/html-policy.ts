/**
 * What raw HTML a page may hold: an allow-list of inert elements and
 * attributes, and URL checks that resolve a URL the way a browser does
 * (WHATWG URL: backslashes, protocol-relative `//host`, control characters).
 * A list of what is dangerous can never be complete (`<noembed>`, SVG
 * animation, CSS `url()`, `ping` ...); a list of what is harmless can.
 */

/**
 * Elements that only format text. Left out on purpose: everything that runs
 * script or embeds a document, forms, media, SVG and MathML (foreign content
 * re-reads its markup), and the raw-text elements (`noembed`, `xmp`,
 * `textarea`, `noframes`, `plaintext`, `noscript`, `title`, `template`),
 * whose content the browser reads differently from a per-element parse.
 */
const INERT_ELEMENTS = new Set(
  (
    'a abbr address article aside b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt ' +
    'em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark ol p pre q rp rt ruby s samp ' +
    'section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr'
  ).split(' '),
);

/** Elements that were always reported as active; their message says so. */
const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'meta', 'link', 'style']);

/** Attributes that neither run, load nor style anything, on any inert element. */
const INERT_ATTRIBUTES = new Set(
  'id title lang dir align valign width height colspan rowspan scope headers abbr span open start reversed type value alt datetime name role'.split(' '),
);

/** URL attributes allowed on one element, and whether the browser fetches the URL on load. */
const URL_ATTRIBUTES: Record<string, Record<string, 'navigate' | 'load'>> = {
  a: { href: 'navigate' },
  blockquote: { cite: 'navigate' },
  q: { cite: 'navigate' },
  del: { cite: 'navigate' },
  ins: { cite: 'navigate' },
  img: { src: 'load' },
};

/** Where URLs are resolved: any https origin stands for the site, it only has to be one host. */
const SITE = new URL('https://docs.site.invalid/docs/page');
const NAVIGATION_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function isInertElement(name: string): boolean {
  return INERT_ELEMENTS.has(name);
}

/** Why an element is refused, or undefined when it is inert. */
export function elementProblem(name: string): string | undefined {
  if (INERT_ELEMENTS.has(name)) return undefined;
  if (ACTIVE_ELEMENTS.has(name)) return `Raw HTML \`<${name}>\` runs or embeds content in the page`;
  return `Raw HTML \`<${name}>\` is not one of the inert elements the site accepts (text formatting, lists, tables, links, local images)`;
}

/** Why an attribute of an inert element is refused, or undefined when it is harmless. */
export function attributeProblem(element: string, name: string, value: string): string | undefined {
  if (name.startsWith('on')) return `Raw HTML attribute \`${name}\` on \`<${element}>\` runs script`;
  if (INERT_ATTRIBUTES.has(name) || name.startsWith('aria-')) return undefined;
  if (name === 'class') return undefined;
  const kind = URL_ATTRIBUTES[element]?.[name];
  if (!kind) {
    return `Raw HTML attribute \`${name}\` on \`<${element}>\` is not one of the inert attributes the site accepts`;
  }
  if (isScriptUrl(value)) return `Raw HTML \`${name}\` on \`<${element}>\` is a script URL`;
  const url = resolveUrl(value);
  if (!url) return `Raw HTML \`${name}\` on \`<${element}>\` is not a valid URL: \`${value}\``;
  if (kind === 'load' && url.origin !== SITE.origin) return `Raw HTML \`<${element}>\` loads \`${value}\` from another host`;
  if (kind === 'navigate' && !NAVIGATION_SCHEMES.has(url.protocol)) {
    return `Raw HTML \`${name}\` on \`<${element}>\` uses the scheme \`${url.protocol}\`; expected http(s), mailto or a relative URL`;
  }
  return undefined;
}

/** The URL a browser would follow from a page of the site, or undefined when it cannot parse it. */
function resolveUrl(value: string): URL | undefined {
  try {
    return new URL(value, SITE);
  } catch {
    return undefined;
  }
}

/** Browsers ignore control characters and whitespace inside the scheme. */
export function isScriptUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return compact.startsWith('javascript:') || compact.startsWith('vbscript:') || compact.startsWith('data:text/html');
}
