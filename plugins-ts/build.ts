/**
 * `npm run build:webhook`: the Azure Functions v4 app, ready for `func azure functionapp publish <app>` from
 * out/plugins-ts/functionapp (or zip deploy): one esbuild bundle of src/hosts/azureFunctions.ts, a package.json
 * whose `main` points at it, and host.json. `@azure/functions` stays a dependency, as the runtime expects.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import rootPackage from "../package.json";

const out = join(__dirname, "..", "out", "plugins-ts", "functionapp");

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(__dirname, "src", "hosts", "azureFunctions.ts")],
    outfile: join(out, "dist", "index.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    external: ["@azure/functions"],
    logLevel: "warning",
  });
  const functionsVersion = rootPackage.dependencies["@azure/functions"];
  writeFileSync(
    join(out, "package.json"),
    `${JSON.stringify({ name: "cb2b-webhook", version: rootPackage.version, private: true, main: "dist/index.js", dependencies: { "@azure/functions": functionsVersion } }, null, 2)}\n`,
  );
  writeFileSync(
    join(out, "host.json"),
    `${JSON.stringify({ version: "2.0", extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" } }, null, 2)}\n`,
  );
  process.stdout.write(`Azure Functions app in ${out} (run npm install --omit=dev there, then publish)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
