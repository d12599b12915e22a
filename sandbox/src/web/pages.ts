/**
 * The two HTML documents the Dataverse origin serves itself: the landing page linking the three
 * places of the sandbox, and the model-driven app shell (main.aspx) that loads the Sales bundle.
 * Neither carries inline script; every dynamic value is HTML-escaped.
 */

export interface WebLinks {
  /** The Commerce server's origin, e.g. http://127.0.0.1:5556 (B2B site at /, headquarters at /hq); null when not running. */
  commerceOrigin: string | null;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** No inline script anywhere; Fluent UI writes its styles into <style> elements, hence 'unsafe-inline' for styles only. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const LANDING_STYLE = `
body{margin:0;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;background:#faf9f8;color:#323130}
header{background:#002050;color:#fff;padding:0 24px;height:48px;display:flex;align-items:center;justify-content:space-between;font-size:16px;font-weight:600}
header a.lang{color:#fff;font-size:14px;font-weight:400}
main{max-width:880px;margin:32px auto;padding:0 24px}
h1{font-size:28px;font-weight:600;margin:0 0 8px}
p{font-size:14px;line-height:20px}
ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:16px}
li{background:#fff;border-radius:4px;box-shadow:0 1.6px 3.6px rgba(0,0,0,.13),0 .3px .9px rgba(0,0,0,.11);padding:20px}
a{color:#0078d4;font-size:18px;font-weight:600;text-decoration:none}
a:hover,a:focus{text-decoration:underline}
li span{display:block;margin-top:8px;font-size:14px;color:#605e5c}
`;

interface Place {
  href: string | null;
  title: string;
  description: string;
}

export type PageLanguage = "en" | "fi";

const landingTexts = {
  en: {
    title: "Commerce B2B onboarding sandbox",
    heading: "Where do you want to go?",
    intro: "An offline stand-in for Dynamics 365 Commerce and Dynamics 365 Sales, with the CommerceB2BOnboarding solution imported.",
    site: ["B2B site — Partner sign up", "The public Dynamics 365 Commerce B2B site where a partner signs up."],
    hq: ["Commerce headquarters", "All prospects, the onboarding jobs, customers, hierarchies and the email outbox."],
    sales: ["Sales Hub", "Leads and opportunities in Dynamics 365 Sales, with the solution's forms, commands and control."],
    notRunning: "Not running in this sandbox.",
    switchLabel: "Suomeksi",
    switchTo: "fi",
  },
  fi: {
    title: "Commerce B2B -käyttöönoton hiekkalaatikko",
    heading: "Minne haluat mennä?",
    intro: "Dynamics 365 Commercen ja Dynamics 365 Salesin offline-korvike, johon CommerceB2BOnboarding-ratkaisu on tuotu.",
    site: ["B2B-sivusto — kumppaniksi rekisteröityminen", "Julkinen Dynamics 365 Commercen B2B-sivusto, jolla kumppani rekisteröityy."],
    hq: ["Commercen pääkonttori", "Kaikki prospektit, käyttöönoton työt, asiakkaat, hierarkiat ja lähtevät sähköpostit."],
    sales: ["Myyntikeskus", "Liidit ja myyntimahdollisuudet Dynamics 365 Salesissa ratkaisun lomakkeineen, komentoineen ja ohjausobjekteineen."],
    notRunning: "Ei käynnissä tässä hiekkalaatikossa.",
    switchLabel: "In English",
    switchTo: "en",
  },
} as const;

/** ?lang=fi|en wins; otherwise the browser's first Accept-Language. */
export function pageLanguage(query: string | null, acceptLanguage: string | undefined): PageLanguage {
  if (query === "fi" || query === "en") return query;
  return /^\s*fi\b/i.test(acceptLanguage ?? "") ? "fi" : "en";
}

export function landingPage(links: WebLinks, language: PageLanguage = "en"): string {
  const t = landingTexts[language];
  const commerce = links.commerceOrigin?.replace(/\/$/, "") ?? null;
  const places: Place[] = [
    { href: commerce ? `${commerce}/` : null, title: t.site[0], description: t.site[1] },
    { href: commerce ? `${commerce}/hq` : null, title: t.hq[0], description: t.hq[1] },
    { href: "/main.aspx", title: t.sales[0], description: t.sales[1] },
  ];
  const items = places
    .map((place) =>
      place.href
        ? `<li><a href="${escapeHtml(place.href)}">${escapeHtml(place.title)}</a><span>${escapeHtml(place.description)}</span></li>`
        : `<li><strong>${escapeHtml(place.title)}</strong><span>${escapeHtml(t.notRunning)}</span></li>`,
    )
    .join("\n      ");
  return `<!doctype html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(t.title)}</title>
  <style>${LANDING_STYLE}</style>
</head>
<body>
  <header><span>${escapeHtml(t.title)}</span><a class="lang" href="/?lang=${t.switchTo}" lang="${t.switchTo}">${escapeHtml(t.switchLabel)}</a></header>
  <main>
    <h1>${escapeHtml(t.heading)}</h1>
    <p>${escapeHtml(t.intro)}</p>
    <ul>
      ${items}
    </ul>
  </main>
</body>
</html>
`;
}

/** main.aspx: the model-driven app shell. The bundle reads pagetype/etn/id from location itself. */
export function salesShellPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>Dynamics 365 | Sales Hub</title>
  <style>html,body,#root{margin:0;height:100%}body{background:#faf9f8}</style>
</head>
<body>
  <div id="root"></div>
  <script src="/sandbox-web/sales.js"></script>
</body>
</html>
`;
}
