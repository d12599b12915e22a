/**
 * Parser for the `$filter` subset: comparisons (eq ne gt ge lt le), and/or/not, parentheses,
 * contains/startswith/endswith, null, GUID, number, boolean, string, date and datetime literals.
 * Anything else OData allows (lambda operators, arithmetic, `in`, query functions, navigation paths)
 * is refused by name with a 501 instead of being evaluated wrongly.
 */
import { badRequest, notImplemented } from "../errors";

export type LiteralType = "string" | "number" | "boolean" | "null" | "guid" | "datetime" | "date";
export type Operand = { kind: "property"; name: string } | { kind: "literal"; type: LiteralType; value: string | number | boolean | null };
export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type StringFunction = "contains" | "startswith" | "endswith";

export type FilterExpression =
  | { kind: "and" | "or"; left: FilterExpression; right: FilterExpression }
  | { kind: "not"; operand: FilterExpression }
  | { kind: "compare"; operator: ComparisonOperator; left: Operand; right: Operand }
  | { kind: "function"; name: StringFunction; property: Operand; value: Operand };

type Token =
  | { kind: "punct"; value: "(" | ")" | "," }
  | { kind: "word"; value: string }
  | { kind: "literal"; literal: Operand & { kind: "literal" } };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/;
const WORD = /^[A-Za-z_$@][\w.$]*(\/[\w.$*]+)*/;
const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const UNSUPPORTED_OPERATORS = new Set(["has", "in", "add", "sub", "mul", "div", "divby", "mod"]);
const FUNCTIONS = new Set(["contains", "startswith", "endswith"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", value: ch });
      i++;
    } else if (ch === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw badRequest(`Syntax error: unterminated string literal at position ${i} in '${text}'.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: "literal", literal: { kind: "literal", type: "string", value } });
      i = j + 1;
    } else {
      const guid = GUID.exec(rest);
      const datetime = DATETIME.exec(rest);
      const date = DATE.exec(rest);
      const number = NUMBER.exec(rest);
      const word = WORD.exec(rest);
      if (guid) {
        tokens.push({ kind: "literal", literal: { kind: "literal", type: "guid", value: guid[0].toLowerCase() } });
        i += guid[0].length;
      } else if (datetime) {
        tokens.push({ kind: "literal", literal: { kind: "literal", type: "datetime", value: datetime[0] } });
        i += datetime[0].length;
      } else if (date) {
        tokens.push({ kind: "literal", literal: { kind: "literal", type: "date", value: date[0] } });
        i += date[0].length;
      } else if (number) {
        tokens.push({ kind: "literal", literal: { kind: "literal", type: "number", value: Number(number[0].replace(/[mMdDfFlL]$/, "")) } });
        i += number[0].length;
      } else if (word) {
        const value = word[0];
        if (value === "true" || value === "false") {
          tokens.push({ kind: "literal", literal: { kind: "literal", type: "boolean", value: value === "true" } });
        } else if (value === "null") {
          tokens.push({ kind: "literal", literal: { kind: "literal", type: "null", value: null } });
        } else {
          tokens.push({ kind: "word", value });
        }
        i += value.length;
      } else {
        throw badRequest(`Syntax error at position ${i} in '${text}'.`);
      }
    }
  }
  return tokens;
}

/**
 * How deeply `$filter` may nest parentheses and `not`: the OData URI parser Dataverse runs has such a
 * recursion limit; this is the sandbox's own, far above what a view or a client writes.
 */
export const MAX_FILTER_NESTING = 100;

/** How many conditions one `$filter` may hold (the sandbox's own limit: SQLite caps a statement's expression depth at 1000). */
export const MAX_FILTER_CONDITIONS = 500;

class Parser {
  private position = 0;
  private depth = 0;
  private conditions = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): FilterExpression {
    const expression = this.parseOr();
    if (this.position < this.tokens.length) throw this.syntaxError();
    return expression;
  }

  private syntaxError() {
    return badRequest(`Syntax error at position ${this.position} in '${this.text}'.`);
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === "word" ? token.value : undefined;
  }

  private expectPunct(value: "(" | ")" | ","): void {
    const token = this.tokens[this.position++];
    if (token?.kind !== "punct" || token.value !== value) throw this.syntaxError();
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.peekWord() === "or") {
      this.position++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.peekWord() === "and") {
      this.position++;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  /** Runs a nested parse one level deeper, refusing past MAX_FILTER_NESTING before the stack is at risk. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_FILTER_NESTING) {
      throw badRequest(`The $filter expression is nested more than ${MAX_FILTER_NESTING} levels deep (parentheses and 'not').`);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseUnary(): FilterExpression {
    if (this.peekWord() === "not") {
      this.position++;
      return { kind: "not", operand: this.nested(() => this.parseUnary()) };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpression {
    const token = this.tokens[this.position];
    if (!(token?.kind === "punct" && token.value === "(") && ++this.conditions > MAX_FILTER_CONDITIONS) {
      throw badRequest(`The $filter expression has more than ${MAX_FILTER_CONDITIONS} conditions.`);
    }
    if (token?.kind === "punct" && token.value === "(") {
      this.position++;
      const inner = this.nested(() => this.parseOr());
      this.expectPunct(")");
      return inner;
    }
    const next = this.tokens[this.position + 1];
    if (token?.kind === "word" && next?.kind === "punct" && next.value === "(") return this.parseFunction(token.value);
    const left = this.parseOperand();
    const operator = this.peekWord();
    if (operator && UNSUPPORTED_OPERATORS.has(operator)) throw notImplemented(`the $filter operator '${operator}'`);
    if (!operator || !COMPARISONS.has(operator)) {
      if (left.kind === "property") throw notImplemented(`a bare boolean property as a $filter condition ('${left.name}')`);
      throw this.syntaxError();
    }
    this.position++;
    const right = this.parseOperand();
    const after = this.peekWord();
    if (after && UNSUPPORTED_OPERATORS.has(after)) throw notImplemented(`the $filter operator '${after}'`);
    return { kind: "compare", operator: operator as ComparisonOperator, left, right };
  }

  private parseFunction(name: string): FilterExpression {
    if (!FUNCTIONS.has(name)) {
      const shortName = name.replace(/^Microsoft\.Dynamics\.CRM\./, "");
      throw notImplemented(`the $filter function '${shortName}'`);
    }
    this.position++;
    this.expectPunct("(");
    const property = this.parseOperand();
    this.expectPunct(",");
    const value = this.parseOperand();
    this.expectPunct(")");
    return { kind: "function", name: name as StringFunction, property, value };
  }

  private parseOperand(): Operand {
    const token = this.tokens[this.position++];
    if (!token) throw this.syntaxError();
    if (token.kind === "literal") return token.literal;
    if (token.kind === "word") {
      if (token.value.includes("/")) throw notImplemented(`navigation property paths in $filter ('${token.value}')`);
      if (token.value.startsWith("@")) throw notImplemented(`parameter aliases in $filter ('${token.value}')`);
      return { kind: "property", name: token.value };
    }
    throw this.syntaxError();
  }
}

export function parseFilter(text: string): FilterExpression {
  // Dataverse's query functions take named parameters (`PropertyName='…'`), which the grammar below has no tokens for.
  const queryFunction = /Microsoft\.Dynamics\.CRM\.(\w+)\s*\(/.exec(text);
  if (queryFunction) throw notImplemented(`the $filter function '${queryFunction[1]}'`);
  // Lambda variables (`a:a/city`) have no tokens either.
  const lambda = /\/(any|all)\s*\(/.exec(text);
  if (lambda) throw notImplemented(`the lambda operator '${lambda[1]}' in $filter`);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw badRequest(`The $filter query option is empty.`);
  return new Parser(tokens, text).parse();
}
