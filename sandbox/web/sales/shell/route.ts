/**
 * The model-driven app's URL shapes: main.aspx?pagetype=entitylist&etn=lead[&viewid=…],
 * main.aspx?pagetype=entityrecord&etn=lead&id=… and main.aspx?pagetype=dashboard[&id=…]. Anything else
 * opens the lead list.
 */
import type { PageTarget } from "../../shared/session";

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const NAME = /^[a-z_][a-z0-9_]*$/;

export const DEFAULT_TARGET: PageTarget = { pagetype: "entitylist", etn: "lead" };

const guid = (value: string | null): string | undefined => {
  const match = value ? GUID.exec(value) : null;
  return match ? match[1].toLowerCase() : undefined;
};

export function parseTarget(search: string): PageTarget {
  const params = new URLSearchParams(search);
  const etn = (params.get("etn") ?? "").toLowerCase();
  const pagetype = (params.get("pagetype") ?? "").toLowerCase();
  if (pagetype === "dashboard") {
    // A system dashboard (type=system, the default), as model-driven apps link one: pagetype=dashboard&id=….
    const id = guid(params.get("id"));
    return id ? { pagetype: "dashboard", id } : { pagetype: "dashboard" };
  }
  if (!NAME.test(etn)) return DEFAULT_TARGET;
  if (pagetype === "entityrecord") {
    const target: PageTarget = { pagetype: "entityrecord", etn };
    const id = guid(params.get("id"));
    const formid = guid(params.get("formid"));
    if (id) target.id = id;
    if (formid) target.formid = formid;
    return target;
  }
  if (pagetype === "entitylist") {
    const viewid = guid(params.get("viewid"));
    return viewid ? { pagetype: "entitylist", etn, viewid } : { pagetype: "entitylist", etn };
  }
  return DEFAULT_TARGET;
}

export function targetUrl(target: PageTarget): string {
  if (target.pagetype === "dashboard") {
    const params = new URLSearchParams({ pagetype: "dashboard", type: "system" });
    if (target.id) params.set("id", target.id);
    return `/main.aspx?${params.toString()}`;
  }
  const params = new URLSearchParams({ pagetype: target.pagetype, etn: target.etn });
  if (target.pagetype === "entitylist" && target.viewid) params.set("viewid", target.viewid);
  if (target.pagetype === "entityrecord") {
    if (target.id) params.set("id", target.id);
    if (target.formid) params.set("formid", target.formid);
  }
  return `/main.aspx?${params.toString()}`;
}
