/**
 * Command-line parsing for `npm run solution`, mirroring `pac solution pack|unpack`:
 * --zipfile/-z, --folder/-f, --packagetype/-p (Unmanaged|Managed, pack only, default Unmanaged),
 * --allowDelete/-ad (unpack only, a switch).
 */
import type { PackageType } from "./pack";

export type Command =
  | { verb: "help" }
  | { verb: "pack"; zipFile: string; folder: string; packageType: PackageType }
  | { verb: "unpack"; zipFile: string; folder: string; allowDelete: boolean };

export class UsageError extends Error {}

export const USAGE = `Usage:
  npm run solution -- pack   --zipfile <zip> --folder <dir> [--packagetype Unmanaged|Managed]
  npm run solution -- unpack --zipfile <zip> --folder <dir> [--allowDelete]

Verbs:
  pack     Build an importable solution zip from a SolutionPackager-layout folder.
  unpack   Extract a solution zip into that layout: writes only inside the folder, and deletes
           nothing there unless --allowDelete is given.

Flags (same as pac solution):
  --zipfile, -z       Path of the solution zip.
  --folder, -f        The unpacked solution folder (contains Other/Solution.xml).
  --packagetype, -p   Unmanaged (default) or Managed; pack only.
  --allowDelete, -ad  Unpack only: delete files in the folder that the zip does not produce.
  --help, -h          Show this help.`;

const FLAGS: Record<string, "zipfile" | "folder" | "packagetype"> = {
  "--zipfile": "zipfile",
  "-z": "zipfile",
  "--folder": "folder",
  "-f": "folder",
  "--packagetype": "packagetype",
  "-p": "packagetype",
};

/** `--allowDelete` / `-ad` (pac's spelling; matched case-insensitively like the other flags). */
const SWITCHES = new Set(["--allowdelete", "-ad"]);

function packageTypeOf(value: string): PackageType {
  const lower = value.toLowerCase();
  if (lower === "unmanaged") return "Unmanaged";
  if (lower === "managed") return "Managed";
  throw new UsageError(`--packagetype must be Unmanaged or Managed, not "${value}"`);
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError("missing verb: use pack or unpack");
  if (argv.some((arg) => arg === "--help" || arg === "-h" || arg === "help")) return { verb: "help" };
  const [verb, ...rest] = argv;
  if (verb !== "pack" && verb !== "unpack") throw new UsageError(`unknown verb "${verb}": use pack or unpack`);
  const values: Partial<Record<"zipfile" | "folder" | "packagetype", string>> = {};
  let allowDelete = false;
  for (let i = 0; i < rest.length; i++) {
    // A switch, as in pac: it takes no value.
    if (SWITCHES.has(rest[i].toLowerCase())) {
      if (verb !== "unpack") throw new UsageError(`${rest[i]} applies to unpack only`);
      if (allowDelete) throw new UsageError(`${rest[i]} given twice`);
      allowDelete = true;
      continue;
    }
    const [flag, inline] = rest[i].includes("=") ? rest[i].split(/=(.*)/s, 2) : [rest[i], undefined];
    const key = FLAGS[flag.toLowerCase()];
    if (!key) throw new UsageError(`unknown argument "${rest[i]}"`);
    const value = inline ?? rest[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) {
      throw new UsageError(`${flag} needs a value`);
    }
    if (values[key] !== undefined) throw new UsageError(`${flag} given twice`);
    values[key] = value;
  }
  if (!values.zipfile) throw new UsageError(`${verb} needs --zipfile <zip>`);
  if (!values.folder) throw new UsageError(`${verb} needs --folder <dir>`);
  if (verb === "unpack") {
    if (values.packagetype !== undefined) throw new UsageError("--packagetype applies to pack only");
    return { verb, zipFile: values.zipfile, folder: values.folder, allowDelete };
  }
  return { verb, zipFile: values.zipfile, folder: values.folder, packageType: packageTypeOf(values.packagetype ?? "Unmanaged") };
}
