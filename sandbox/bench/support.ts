/** Shared by the sandbox benchmarks: a view's FetchXML from the solution source, timed requests, percentiles (the result line: tools/benchReport.ts). */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { DOMParser } from "@xmldom/xmldom";

const root = resolve(__dirname, "..", "..");

/** The `<fetch>` of the lead view with this English name, as solution/src ships it. */
export function leadViewFetchXml(name: string): string {
  const dir = join(root, "solution", "src", "Entities", "Lead", "SavedQueries");
  for (const file of readdirSync(dir)) {
    const doc = new DOMParser().parseFromString(readFileSync(join(dir, file), "utf8"), "text/xml");
    const names = Array.from(doc.getElementsByTagName("LocalizedName"));
    if (names.some((n) => n.getAttribute("languagecode") === "1033" && n.getAttribute("description") === name)) {
      const fetch = doc.getElementsByTagName("fetch")[0];
      if (fetch) return fetch.toString();
    }
  }
  throw new Error(`No lead view named "${name}" in ${dir}.`);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function summary(samples: number[]): { requests: number; p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { requests: samples.length, p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)), max_ms: round(sorted[sorted.length - 1]) };
}

/** One request, timed until its JSON body is read; a non-2xx answer stops the benchmark. */
export async function timedJson(url: string, init: RequestInit): Promise<{ ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url.slice(0, 200)} → ${response.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}
