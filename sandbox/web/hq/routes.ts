/** The headquarters pages and their client-side paths under /hq. */
export type HqPage = "prospects" | "channelRequests" | "customers" | "hierarchies" | "outbox";

export const hqPaths: Record<HqPage, string> = {
  prospects: "/hq/prospects",
  channelRequests: "/hq/channel-requests",
  customers: "/hq/customers",
  hierarchies: "/hq/hierarchies",
  outbox: "/hq/outbox",
};

/** /hq itself opens All prospects, as the workspace's default list; unknown paths give null. */
export function pageForPath(pathname: string): HqPage | null {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/hq") return "prospects";
  return (Object.keys(hqPaths) as HqPage[]).find((page) => hqPaths[page] === path) ?? null;
}
