import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";
import { minify } from "terser";

/** Web resource name (under cb2b_/scripts/) → entry point. One self-contained script per form. */
export const WebResourceEntries = {
  LeadForm: path.join(__dirname, "src", "entries", "LeadForm.ts"),
  OpportunityForm: path.join(__dirname, "src", "entries", "OpportunityForm.ts"),
} as const;

export const WebResourceFolder = "cb2b_/scripts";

/**
 * The browsers model-driven apps run in: Microsoft's Power Apps system requirements name the latest
 * three Chrome, Edge and Firefox releases and Safari 13 or later. Safari 13.0 parses neither `?.` nor
 * `??`, so esbuild lowers those; everything else (async/await, spread, classes) stays native. The
 * control's Babel targets (pcfconfig.json) name the same floor.
 */
export const BrowserTargets = ["chrome109", "edge109", "firefox115", "safari13", "ios13"];

/**
 * Bundles each form script into one IIFE (no module loader exists in model-driven apps; the
 * functions are reached through the global `Cb2b` namespace the entry publishes). esbuild bundles
 * and lowers the syntax; terser then compresses further than esbuild's minifier does (about 7 %:
 * it inlines single-use functions and drops what esbuild keeps), which keeps each script within its
 * 15,000-byte budget (issue 14). Writes `<outDir>/cb2b_/scripts/<Name>.js` and returns the written files.
 */
export async function buildWebResources(outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [name, entry] of Object.entries(WebResourceEntries)) {
    const outfile = path.join(outDir, WebResourceFolder, `${name}.js`);
    const bundled = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: BrowserTargets,
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    const minified = await minify(bundled.outputFiles[0].text, { compress: { passes: 2 }, format: { comments: false } });
    if (minified.code === undefined) throw new Error(`terser returned no code for ${name}.js`);
    mkdirSync(path.dirname(outfile), { recursive: true });
    writeFileSync(outfile, minified.code);
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
