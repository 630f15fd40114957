import type * as Preset from '@docusaurus/preset-classic';
import type { Config, LoadContext, Plugin } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';
import {
  docChecksRemarkPlugins,
  refuseParserHazards,
  readDriverSourceOptions,
  remarkAlertsToAdmonitions,
} from './plugins/remark-doc-checks';
import reviewPlugin from './plugins/docusaurus-plugin-review';

// Read and validated once: a bad RDS_CSI_* value stops here, before any page is built.
const driverSource = readDriverSourceOptions(process.env, __dirname);

const baseUrl = process.env.BASE_URL || '/rds-csi-docs/';

const config: Config = {
  title: 'RDS CSI Driver Docs',
  tagline: 'Hardware validation and testing guides for the RDS CSI driver, checked on every build',
  favicon: 'img/favicon.svg',

  url: process.env.SITE_URL || 'https://3whiskeywhiskey.github.io',
  baseUrl,
  trailingSlash: false,

  future: {
    v4: true,
    faster: true,
  },

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  markdown: {
    // `.md` is CommonMark + GFM (no JSX), so the guides read the same on GitHub.
    format: 'detect',
    hooks: {
      onBrokenMarkdownLinks: 'throw',
      onBrokenMarkdownImages: 'throw',
    },
    // Keep the text the remark plugins see identical to the file, so the
    // doc checks report the same line:column as the docs-check CLI.
    mdx1Compat: { comments: false, admonitions: false, headingIds: false },
    // A page that would stall the markdown parser fails the build at once, by name.
    preprocessor: refuseParserHazards(__dirname),
  },

  i18n: {
    defaultLocale: 'en',
    locales: ['en'],
  },

  presets: [
    [
      'classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: 'docs',
          sidebarPath: './sidebars.ts',
          beforeDefaultRemarkPlugins: docChecksRemarkPlugins(__dirname, driverSource, baseUrl),
        },
        blog: false,
        theme: {
          customCss: './src/css/custom.css',
        },
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    // Review pages (/review) generated from the plans in .planning/.
    // (Config types plugins over `unknown` content, hence the widening.)
    (context: LoadContext) =>
      reviewPlugin(context, { driverSourceRoot: driverSource.driverSourceRoot }) as Plugin<unknown>,
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'rules',
        path: 'plugins/doc-checks/rules',
        routeBasePath: 'rules',
        include: ['*.md'],
        beforeDefaultRemarkPlugins: [remarkAlertsToAdmonitions],
      },
    ],
  ],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexDocs: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: ['docs', 'rules'],
        docsDir: ['docs', 'plugins/doc-checks/rules'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchResultLimits: 8,
      },
    ],
  ],

  themeConfig: {
    colorMode: {
      defaultMode: 'light',
      disableSwitch: false,
      respectPrefersColorScheme: true,
    },
    navbar: {
      title: 'RDS CSI Docs',
      logo: {
        alt: 'RDS CSI logo',
        src: 'img/logo.svg',
      },
      items: [
        { to: '/docs/hardware-validation', label: 'Hardware Validation', position: 'left' },
        { to: '/docs/testing', label: 'Testing', position: 'left' },
        { to: '/rules', label: 'Doc check rules', position: 'left' },
        { to: '/review', label: 'Review', position: 'left' },
        { href: driverSource.driverRepository, label: 'Driver source', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Guides',
          items: [
            { label: 'Hardware Validation', to: '/docs/hardware-validation' },
            { label: 'Testing', to: '/docs/testing' },
          ],
        },
        {
          title: 'Doc checks',
          items: [
            { label: 'Rules', to: '/rules' },
            { label: 'Plan review', to: '/review' },
          ],
        },
        {
          title: 'Driver',
          items: [{ label: 'Source repository', href: driverSource.driverRepository }],
        },
      ],
      copyright: 'RDS CSI driver documentation. Licensed under Apache-2.0.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash'],
    },
    docs: {
      sidebar: { hideable: true },
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
