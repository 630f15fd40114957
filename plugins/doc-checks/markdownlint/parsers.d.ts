// markdownlint-cli2 ships its config parsers as plain JavaScript without types.
declare module 'markdownlint-cli2/parsers/jsonc' {
  import type { ConfigurationParser } from 'markdownlint';
  const jsoncParse: ConfigurationParser;
  export default jsoncParse;
}
