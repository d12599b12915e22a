/**
 * `npm run build:sandbox-web`: bundles every browser app of the sandbox (`sandbox/web/<app>/main.ts(x)`)
 * into one self-contained IIFE per app, `<outDir>/<app>.js`, with React and Fluent UI bundled in.
 * The Dataverse stand-in serves them under /sandbox-web/.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";

export const sandboxWebRoot = __dirname;
const repoRoot = resolve(__dirname, "..", "..");
export const defaultSandboxWebOut = join(repoRoot, "out", "sandbox-web");

export interface SandboxWebBuildOptions {
  outDir?: string;
  minify?: boolean;
}

export interface BuiltBundle {
  app: string;
  file: string;
  bytes: number;
}

/** The app folders that have an entry point, with that entry point (main.tsx wins over main.ts). */
export function sandboxWebEntries(root: string = sandboxWebRoot): { app: string; entry: string }[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .flatMap((app) => {
      const entry = ["main.tsx", "main.ts"].map((file) => join(root, app, file)).find((file) => existsSync(file));
      return entry ? [{ app, entry }] : [];
    });
}

export async function buildSandboxWeb(options: SandboxWebBuildOptions = {}): Promise<BuiltBundle[]> {
  const outDir = resolve(options.outDir ?? defaultSandboxWebOut);
  const minify = options.minify ?? true;
  mkdirSync(outDir, { recursive: true });
  const bundles: BuiltBundle[] = [];
  for (const { app, entry } of sandboxWebEntries()) {
    const file = join(outDir, `${app}.js`);
    await build({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2019",
      minify,
      sourcemap: false,
      legalComments: "none",
      jsx: "transform",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    bundles.push({ app, file, bytes: statSync(file).size });
  }
  return bundles;
}

if (require.main === module) {
  buildSandboxWeb()
    .then((bundles) => {
      for (const b of bundles) console.log(`${relative(repoRoot, b.file).padEnd(46)} ${(b.bytes / 1024).toFixed(1)} KiB`);
    })
    .catch((error: unknown) => {
      console.error(`build:sandbox-web failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
