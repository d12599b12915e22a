import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SettingsError, mergeSettings, parseSettings, readSettingsFile } from "./settings";

describe("parseSettings", () => {
  it("reads pac's shape and skips the unfilled template entries", () => {
    const json = JSON.stringify({
      EnvironmentVariables: [
        { SchemaName: "cb2b_WebhookBaseUrl", Value: "https://fn.example.net" },
        { SchemaName: "cb2b_Unset", Value: "" },
      ],
      ConnectionReferences: [],
    });
    expect(parseSettings(json, "s.json")).toEqual([{ schemaName: "cb2b_WebhookBaseUrl", value: "https://fn.example.net" }]);
  });

  it("accepts a file without EnvironmentVariables", () => {
    expect(parseSettings('{"ConnectionReferences":[]}', "s.json")).toEqual([]);
  });

  it.each([
    ["{", /s.json is not JSON/],
    ["[]", /must be an object/],
    ['{"EnvironmentVariables":{}}', /must be an array/],
    ['{"EnvironmentVariables":[{"Value":"x"}]}', /\[0\] has no SchemaName/],
    ['{"EnvironmentVariables":[{"SchemaName":"a","Value":1}]}', /a Value must be a string/],
  ])("rejects %s", (json, message) => {
    expect(() => parseSettings(json, "s.json")).toThrow(message);
  });
});

describe("mergeSettings", () => {
  it("lets later lists win, one entry per schema name", () => {
    expect(
      mergeSettings(
        [{ schemaName: "a", value: "file" }, { schemaName: "b", value: "file" }],
        [{ schemaName: "a", value: "cli1" }, { schemaName: "a", value: "cli2" }],
      ),
    ).toEqual([{ schemaName: "a", value: "cli2" }, { schemaName: "b", value: "file" }]);
  });
});

describe("readSettingsFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "deploy-settings-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file written with a BOM", async () => {
    const file = join(dir, "s.json");
    writeFileSync(file, '\uFEFF{"EnvironmentVariables":[{"SchemaName":"a","Value":"1"}]}');
    await expect(readSettingsFile(file)).resolves.toEqual([{ schemaName: "a", value: "1" }]);
  });

  it("names a missing file", async () => {
    await expect(readSettingsFile(join(dir, "none.json"))).rejects.toThrow(SettingsError);
    await expect(readSettingsFile(join(dir, "none.json"))).rejects.toThrow(/ENOENT/);
  });
});
