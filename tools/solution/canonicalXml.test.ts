import { canonicalXml } from "./canonicalXml";

describe("canonicalXml", () => {
  it("ignores attribute order, formatting between elements, comments, the declaration and a BOM", () => {
    const a = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<root b="2" a="1">\r\n  <!-- note -->\r\n  <child/>\r\n</root>';
    const b = '<root a="1" b="2"><child></child></root>';
    expect(canonicalXml(a)).toBe(canonicalXml(b));
    expect(canonicalXml(b)).toBe('<root a="1" b="2"><child></child></root>');
  });

  it("keeps what Dataverse reads: element order, text, attribute values", () => {
    const base = canonicalXml("<r><a>1</a><b>2</b></r>");
    expect(canonicalXml("<r><b>2</b><a>1</a></r>")).not.toBe(base);
    expect(canonicalXml("<r><a>1 </a><b>2</b></r>")).not.toBe(base);
    expect(canonicalXml('<r x="1"/>')).not.toBe(canonicalXml('<r x="2"/>'));
    expect(canonicalXml("<r><a> </a></r>")).not.toBe(canonicalXml("<r><a></a></r>"));
  });

  it("treats CDATA as text and drops namespace declarations repeated from an ancestor", () => {
    expect(canonicalXml("<r><![CDATA[a<b]]></r>")).toBe(canonicalXml("<r>a&lt;b</r>"));
    const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    expect(canonicalXml(`<r ${xsi}><c ${xsi} xsi:nil="true"/></r>`)).toBe(canonicalXml(`<r ${xsi}><c xsi:nil="true"/></r>`));
  });
});
