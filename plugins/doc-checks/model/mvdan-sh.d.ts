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
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
    NodeType(node: ShNode): string;
    Variant(v: number): unknown;
    LangBash: number;
  };
}
