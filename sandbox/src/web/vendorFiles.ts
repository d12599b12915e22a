/**
 * Names under /sandbox-web/vendor/ of the PCF platform libraries, shared by the server (staticFiles.ts)
 * and the browser's PCF host, which loads them in this order. Pure data: bundled into the browser too.
 */
export const VendorFiles = {
  react: "react-16.14.0.production.min.js",
  reactDom: "react-dom-16.14.0.production.min.js",
  aliases: "platform-aliases.js",
  fluent: "fluent_8_121_1.js",
} as const;

/** React and ReactDOM first: Fluent's UMD build reads the `React`/`ReactDOM` globals when it loads. */
export const vendorScriptUrls: readonly string[] = [VendorFiles.react, VendorFiles.reactDom, VendorFiles.aliases, VendorFiles.fluent].map(
  (name) => `/sandbox-web/vendor/${name}`,
);
