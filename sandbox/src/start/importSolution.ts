import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { odataString, query, type WebApiClient } from "../dualwrite/webApiClient";

export interface SolutionIdentity {
  uniqueName: string;
  version: string;
  managed: boolean;
}

/** Reads unique name, version and managed flag from the zip's solution.xml. */
export async function readSolutionIdentity(zipBytes: Buffer): Promise<SolutionIdentity> {
  const zip = await JSZip.loadAsync(zipBytes);
  const entry = zip.file("solution.xml");
  if (!entry) throw new Error("The solution zip has no solution.xml.");
  // Exported solution.xml files start with a UTF-8 byte order mark, which the XML parser rejects.
  const xml = (await entry.async("string")).replace(/^\uFEFF/, "");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const text = (tag: string): string => doc.getElementsByTagName(tag)[0]?.textContent?.trim() ?? "";
  const uniqueName = text("UniqueName");
  const version = text("Version");
  if (!uniqueName || !version) throw new Error("solution.xml has no UniqueName or Version.");
  return { uniqueName, version, managed: text("Managed") === "1" };
}

/**
 * Imports the zip through the Web API's `ImportSolution` action, as `pac solution import` and
 * real deployments do, unless that exact version is already installed.
 */
export async function importSolution(
  client: WebApiClient,
  zipFile: string,
): Promise<{ identity: SolutionIdentity; imported: boolean }> {
  const bytes = readFileSync(zipFile);
  const identity = await readSolutionIdentity(bytes);
  const installed = await client.list(
    query("solutions", { $select: "uniquename,version", $filter: `uniquename eq ${odataString(identity.uniqueName)}` }),
  );
  if (installed.some((s) => s.version === identity.version)) return { identity, imported: false };
  await client.action("ImportSolution", {
    OverwriteUnmanagedCustomizations: true,
    PublishWorkflows: true,
    CustomizationFile: bytes.toString("base64"),
    ImportJobId: randomUUID(),
  });
  return { identity, imported: true };
}
