import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("npm start command line", () => {
  it("refuses unknown options before touching anything", () => {
    const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), join(__dirname, "cli.ts"), "--rest"], {
      encoding: "utf8",
      env: { ...process.env, PORT: "0" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option(s): --rest. Use --reset, --import-only and/or --enforcement sync|async.");
  });

  it("refuses a PORT that is not a port number", () => {
    const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), join(__dirname, "cli.ts")], {
      encoding: "utf8",
      env: { ...process.env, PORT: "http" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a port number, not "http".');
  });
});
