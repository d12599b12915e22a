/**
 * Test helper: bundles only the B2B site and headquarters apps, with the options of
 * sandbox/web/build.ts, so the browser test does not depend on the other sandbox apps building.
 */
import { join, resolve } from "node:path";
import { build } from "esbuild";

const webRoot = resolve(__dirname, "..", "..");

export async function buildCommerceBundles(outDir: string): Promise<void> {
  for (const app of ["site", "hq"]) {
    await build({
      entryPoints: [join(webRoot, app, "main.tsx")],
      outfile: join(outDir, `${app}.js`),
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2019",
      minify: true,
      legalComments: "none",
      jsx: "transform",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
  }
}

if (require.main === module) {
  buildCommerceBundles(process.argv[2] ?? "out/sandbox-web").catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
