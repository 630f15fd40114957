// The parts of mvdan-sh (mvdan/sh compiled to JavaScript) that the engine uses.
declare module 'mvdan-sh' {
  export interface ShPos {
    Line(): number;
    Col(): number;
    Offset(): number;
  }
  export interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
    [key: string]: any;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export interface ShParseError {
    Text: string;
    Pos: ShPos;
    Incomplete: boolean;
    Error(): string;
  }
  export interface ShSyntax {
    NewParser(...options: unknown[]): ShParser;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
    NodeType(node: ShNode): string;
  }
  /** A CommonJS module: Node's ESM loader only offers the default export. */
  const mvdan: { syntax: ShSyntax };
  export default mvdan;
}
