/**
 * `npm run solution -- pack|unpack …`: the Node-only stand-in for `pac solution pack|unpack`.
 * Prints one summary line on success; on bad usage or bad input prints one `error:` line and exits 1.
 */
import { relative } from "node:path";
import { USAGE, UsageError, parseArgs } from "./cliArgs";
import { SolutionPackagerError } from "./errors";
import { packSolution } from "./pack";
import { unpackSolution } from "./unpack";

async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
  if (command.verb === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.verb === "pack") {
    const result = await packSolution(command);
    const rel = relative(process.cwd(), result.zipFile);
    const where = rel && !rel.startsWith("..") ? rel : result.zipFile;
    process.stdout.write(`Packed ${command.packageType} solution ${where}: ${result.files.length} files, ${result.bytes} bytes\n`);
  } else {
    const result = await unpackSolution(command);
    const deleted = result.deleted.length > 0 ? `, ${result.deleted.length} deleted` : "";
    process.stdout.write(`Unpacked ${command.zipFile} into ${command.folder}: ${result.files.length} files${deleted}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message} (run with --help for usage)\n`);
    } else if (error instanceof SolutionPackagerError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else if (error instanceof Error && "code" in error) {
      // File-system errors (permissions, disk full) already name the path in their message.
      process.stderr.write(`error: ${error.message}\n`);
    } else {
      process.stderr.write(`error: unexpected failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
