/**
 * Dataverse exports some collections (views above all) in database order, which no file name can
 * reproduce. SolutionPackager loses that order; to make unpack → pack give back the exported
 * customizations.xml exactly, unpack writes a `.exportorder` file (one name per line) into a split
 * folder only when the export order differs from the default sorted order. Pack follows it when present:
 * listed names first in that order, any others after them sorted. Hand-written source needs none.
 */
import { compareNames } from "./fileMap";
import type { FileMap } from "./fileMap";

export const EXPORT_ORDER_FILE = ".exportorder";

/** The paths under `folder` in the source, relative to it, without its `.exportorder` hint. */
export function namesUnder(source: FileMap, folder: string): string[] {
  return source
    .under(folder)
    .map((path) => path.slice(folder.length + 1))
    .filter((name) => name !== EXPORT_ORDER_FILE);
}

export function orderNames(names: readonly string[], source: FileMap, folder: string): string[] {
  const sorted = [...names].sort(compareNames);
  const hint = source.takeOptional(`${folder}/${EXPORT_ORDER_FILE}`);
  if (!hint) return sorted;
  const listed = hint
    .toString("utf8")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const wanted = new Set(names);
  const first = listed.filter((name, index) => wanted.has(name) && listed.indexOf(name) === index);
  const seen = new Set(first);
  return [...first, ...sorted.filter((name) => !seen.has(name))];
}

/** The `.exportorder` file to write for `namesInExportOrder`, or undefined when sorted order already matches. */
export function exportOrderFile(folder: string, namesInExportOrder: readonly string[]): [string, string] | undefined {
  const sorted = [...namesInExportOrder].sort(compareNames);
  if (sorted.every((name, index) => name === namesInExportOrder[index])) return undefined;
  return [`${folder}/${EXPORT_ORDER_FILE}`, `${namesInExportOrder.join("\n")}\n`];
}
