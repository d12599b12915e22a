/** The two browser apps the Commerce server hosts, and the HTML shell that loads each bundle. */
export type CommerceApp = "site" | "hq";

const titles: Record<CommerceApp, string> = {
  site: "Adventure Works B2B — Partner sign up",
  hq: "Commerce headquarters",
};

/**
 * A static shell: no inline script or style, no request data in it. The bundle renders into #root
 * and sets the page language; the noscript text is for browsers with scripts off.
 */
export function appShell(app: CommerceApp): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${titles[app]}</title>
</head>
<body>
<noscript>This page needs JavaScript.</noscript>
<div id="root"></div>
<script src="/sandbox-web/${app}.js"></script>
</body>
</html>
`;
}

/** Shown instead of a shell whose bundle was never built (fresh clone, no `npm run build`). */
export function notBuiltPage(app: CommerceApp): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${titles[app]} — not built</title></head>
<body>
<h1>${titles[app]} is not built</h1>
<p>The browser bundle /sandbox-web/${app}.js does not exist. Run <code>npm run build</code> and reload this page.</p>
</body>
</html>
`;
}
