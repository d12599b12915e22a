/** The $filter grammar: precedence, literals, and what is refused by name. */
import { DataverseError } from "../errors";
import { parseFilter } from "./filterParser";

const refusal = (text: string): DataverseError => {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof DataverseError) return error;
    throw error;
  }
  throw new Error(`'${text}' was accepted`);
};

test("and binds tighter than or; not applies to the next condition; parentheses regroup", () => {
  expect(parseFilter("a eq 1 or b eq 2 and c eq 3")).toMatchObject({ kind: "or", right: { kind: "and" } });
  expect(parseFilter("(a eq 1 or b eq 2) and c eq 3")).toMatchObject({ kind: "and", left: { kind: "or" } });
  expect(parseFilter("not a eq 1 and b eq 2")).toMatchObject({ kind: "and", left: { kind: "not" } });
});

test("literals: quoted strings with doubled quotes, GUIDs, datetimes, dates, numbers, booleans and null", () => {
  expect(parseFilter("name eq 'O''Brien'")).toMatchObject({ right: { type: "string", value: "O'Brien" } });
  expect(parseFilter("_x_value eq 6F0E2C4A-0000-4000-8000-000000000001")).toMatchObject({
    right: { type: "guid", value: "6f0e2c4a-0000-4000-8000-000000000001" },
  });
  expect(parseFilter("createdon ge 2026-03-02T08:00:00Z")).toMatchObject({ right: { type: "datetime", value: "2026-03-02T08:00:00Z" } });
  expect(parseFilter("createdon lt 2026-03-02")).toMatchObject({ right: { type: "date" } });
  expect(parseFilter("n gt -12.5")).toMatchObject({ right: { type: "number", value: -12.5 } });
  expect(parseFilter("flag eq true and other ne null")).toMatchObject({
    left: { right: { type: "boolean", value: true } },
    right: { right: { type: "null" } },
  });
  expect(parseFilter("contains(name,'x')")).toMatchObject({ kind: "function", name: "contains" });
});

test("syntax errors are 400; OData features outside the subset are 501 naming them", () => {
  expect(refusal("name eq 'open").status).toBe(400);
  expect(refusal("name eq").status).toBe(400);
  expect(refusal("(name eq 'x'").status).toBe(400);
  for (const [text, named] of [
    ["n add 1 eq 2", "'add'"],
    ["n in (1,2)", "'in'"],
    ["leadaddresses/any(a:a/city eq 'x')", "'any'"],
    ["tolower(name) eq 'x'", "'tolower'"],
    ["Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)", "'LastXDays'"],
    ["name eq @p1", "@p1"],
    ["msdyn_b2bcommerceprospect", "msdyn_b2bcommerceprospect"],
  ]) {
    const error = refusal(text);
    expect(error.status).toBe(501);
    expect(error.message).toContain(named);
  }
});
