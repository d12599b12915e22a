/**
 * Reads a deployment settings file in the shape `pac solution create-settings` writes and merges it with
 * `--env name=value` (the command line wins). Empty values in the file are the unfilled template
 * entries pac generates, so they are skipped rather than written as "".
 */
import { readFile } from "node:fs/promises";

export interface EnvironmentVariableSetting {
  readonly schemaName: string;
  readonly value: string;
}

export class SettingsError extends Error {}

export function parseSettings(json: string, source: string): EnvironmentVariableSetting[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new SettingsError(`${source} is not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SettingsError(`${source} must be an object with "EnvironmentVariables"`);
  }
  const list = (doc as { EnvironmentVariables?: unknown }).EnvironmentVariables ?? [];
  if (!Array.isArray(list)) throw new SettingsError(`${source}: "EnvironmentVariables" must be an array`);
  const out: EnvironmentVariableSetting[] = [];
  list.forEach((entry: unknown, i) => {
    const e = entry as { SchemaName?: unknown; Value?: unknown } | null;
    if (!e || typeof e.SchemaName !== "string" || !e.SchemaName) {
      throw new SettingsError(`${source}: EnvironmentVariables[${i}] has no SchemaName`);
    }
    if (e.Value === undefined || e.Value === null || e.Value === "") return;
    if (typeof e.Value !== "string") throw new SettingsError(`${source}: ${e.SchemaName} Value must be a string`);
    out.push({ schemaName: e.SchemaName, value: e.Value });
  });
  return out;
}

/** File values first, then command-line values; one entry per schema name, last one wins. */
export function mergeSettings(...lists: readonly (readonly EnvironmentVariableSetting[])[]): EnvironmentVariableSetting[] {
  const byName = new Map<string, string>();
  for (const list of lists) for (const s of list) byName.set(s.schemaName, s.value);
  return [...byName].map(([schemaName, value]) => ({ schemaName, value }));
}

export async function readSettingsFile(file: string): Promise<EnvironmentVariableSetting[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new SettingsError(`cannot read settings file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // pac writes UTF-8 with a BOM on Windows.
  return parseSettings(text.replace(/^\uFEFF/, ""), file);
}
