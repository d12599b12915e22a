import * as path from "node:path";
import { build } from "esbuild";

/** Web resource name (under cb2b_/scripts/) → entry point. One self-contained script per form. */
export const WebResourceEntries = {
  LeadForm: path.join(__dirname, "src", "entries", "LeadForm.ts"),
  OpportunityForm: path.join(__dirname, "src", "entries", "OpportunityForm.ts"),
} as const;

export const WebResourceFolder = "cb2b_/scripts";

/**
 * Bundles each form script into one IIFE (no module loader exists in model-driven apps; the
 * functions are reached through the global `Cb2b` namespace the entry publishes). Writes
 * `<outDir>/cb2b_/scripts/<Name>.js` and returns the written files.
 */
export async function buildWebResources(outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [name, entry] of Object.entries(WebResourceEntries)) {
    const outfile = path.join(outDir, WebResourceFolder, `${name}.js`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "iife",
      platform: "browser",
      // Model-driven apps run in current Edge/Chrome/Safari; async/await stays native.
      target: ["es2020"],
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    written.push(outfile);
  }
  return written;
}

if (require.main === module) {
  const outDir = path.resolve(__dirname, "..", "out", "webresources");
  buildWebResources(outDir)
    .then((files) => files.forEach((file) => console.log(`built ${path.relative(process.cwd(), file)}`)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
