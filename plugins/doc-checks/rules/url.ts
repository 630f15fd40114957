/** Where the rule pages are published: the site's `/rules/<id>` pages. */
export const RULES_BASE_URL = 'https://3whiskeywhiskey.github.io/rds-csi-docs/rules/';

export const ruleUrl = (id: string): string => `${RULES_BASE_URL}${id}`;
