/**
 * After `pcf-scripts build`: minifies the css resources of every built control in out/controls with
 * esbuild's CSS minifier (pcf-scripts copies a manifest's css files as they are, comments and all).
 * The commented sources stay in controls/<Control>/css/; forms download the minified copy beside bundle.js.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { transformSync } from "esbuild";

export function minifyControlCss(builtControls: string): { file: string; before: number; after: number }[] {
  const minified: { file: string; before: number; after: number }[] = [];
  if (!existsSync(builtControls)) return minified;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith(".css")) {
        const source = readFileSync(full, "utf8");
        // Browsers that model-driven apps support (controls/tsconfig.json): no lowering of modern syntax needed.
        const { code } = transformSync(source, { loader: "css", minify: true, target: ["chrome100", "safari13"] });
        writeFileSync(full, code);
        minified.push({ file: full, before: Buffer.byteLength(source), after: Buffer.byteLength(code) });
      }
    }
  };
  walk(builtControls);
  return minified;
}

if (require.main === module) {
  const root = resolve(__dirname, "..", "..");
  for (const { file, before, after } of minifyControlCss(join(root, "out", "controls"))) {
    console.log(`minified ${relative(root, file)}: ${before} → ${after} bytes`);
  }
}
