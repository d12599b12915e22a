import { join, resolve } from "node:path";

const repoRoot = resolve(__dirname, "..", "..", "..");

/** Where `npm run build:sandbox-web` writes the browser bundles (sandbox/web/build.ts). */
export const defaultBundleDir = join(repoRoot, "out", "sandbox-web");

/** The files the PCF platform libraries and the icon font come from (installed packages, never a CDN). */
export const vendorSources = {
  react: join(repoRoot, "node_modules", "react", "umd", "react.production.min.js"),
  reactDom: join(repoRoot, "node_modules", "react-dom", "umd", "react-dom.production.min.js"),
  fluent: join(repoRoot, "node_modules", "pcf-start", "lib", "fluent_8_121_1.js"),
  iconFonts: join(repoRoot, "node_modules", "@fluentui", "font-icons-mdl2", "fonts"),
};
