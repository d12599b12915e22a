import { parseTarget, targetUrl } from "./route";

const ID = "6f0e2c4a-0000-4000-8000-000000000099";

it("reads the model-driven URL shapes", () => {
  expect(parseTarget("")).toEqual({ pagetype: "entitylist", etn: "lead" });
  expect(parseTarget("?pagetype=entitylist&etn=opportunity")).toEqual({ pagetype: "entitylist", etn: "opportunity" });
  expect(parseTarget(`?pagetype=entitylist&etn=lead&viewid=%7B${ID.toUpperCase()}%7D`)).toEqual({ pagetype: "entitylist", etn: "lead", viewid: ID });
  expect(parseTarget(`?pagetype=entityrecord&etn=lead&id=${ID}`)).toEqual({ pagetype: "entityrecord", etn: "lead", id: ID });
  expect(parseTarget("?pagetype=entityrecord&etn=lead")).toEqual({ pagetype: "entityrecord", etn: "lead" });
});

it("ignores what is not a table name or a GUID", () => {
  expect(parseTarget("?pagetype=entitylist&etn=<script>")).toEqual({ pagetype: "entitylist", etn: "lead" });
  expect(parseTarget("?pagetype=entityrecord&etn=lead&id=javascript:alert(1)")).toEqual({ pagetype: "entityrecord", etn: "lead" });
  expect(parseTarget("?pagetype=search&etn=lead")).toEqual({ pagetype: "entitylist", etn: "lead" });
  expect(parseTarget("?pagetype=dashboard&id=javascript:alert(1)")).toEqual({ pagetype: "dashboard" });
});

it("reads and writes a system dashboard's URL", () => {
  expect(parseTarget(`?pagetype=dashboard&id={${ID.toUpperCase()}}&type=system`)).toEqual({ pagetype: "dashboard", id: ID });
  expect(targetUrl({ pagetype: "dashboard", id: ID })).toBe(`/main.aspx?pagetype=dashboard&type=system&id=${ID}`);
  expect(targetUrl({ pagetype: "dashboard" })).toBe("/main.aspx?pagetype=dashboard&type=system");
});

it("writes the same shapes back", () => {
  expect(targetUrl({ pagetype: "entitylist", etn: "lead", viewid: ID })).toBe(`/main.aspx?pagetype=entitylist&etn=lead&viewid=${ID}`);
  expect(targetUrl({ pagetype: "entityrecord", etn: "opportunity", id: ID })).toBe(`/main.aspx?pagetype=entityrecord&etn=opportunity&id=${ID}`);
  expect(parseTarget(targetUrl({ pagetype: "entityrecord", etn: "account", id: ID }).split("?")[1])).toEqual({ pagetype: "entityrecord", etn: "account", id: ID });
});
