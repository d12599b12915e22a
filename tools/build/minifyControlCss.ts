/**
 * After `pcf-scripts build` (buildControls.ts): minifies the css resources of every built control in out/controls with
 * esbuild's CSS minifier (pcf-scripts copies a manifest's css files as they are, comments and all).
 * The commented sources stay in controls/<Control>/css/; forms download the minified copy beside bundle.js.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { listFiles } from "./fileTree";

export function minifyControlCss(builtControls: string): { file: string; before: number; after: number }[] {
  return listFiles(builtControls)
    .filter((path) => path.endsWith(".css"))
    .map((path) => {
      const file = join(builtControls, path);
      const source = readFileSync(file, "utf8");
      // Browsers that model-driven apps support (controls/tsconfig.json): no lowering of modern syntax needed.
      const { code } = transformSync(source, { loader: "css", minify: true, target: ["chrome100", "safari13"] });
      writeFileSync(file, code);
      return { file, before: Buffer.byteLength(source), after: Buffer.byteLength(code) };
    });
}
