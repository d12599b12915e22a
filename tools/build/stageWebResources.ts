/**
 * Puts each built web resource at `WebResources/<web resource name>` next to its `.data.xml` from source,
 * and checks the pairing both ways.
 */
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { BuildError } from "./errors";
import { listFiles } from "./fileTree";

const DATA_XML = ".data.xml";

/** `source` is the solution source the staging folder was copied from: errors name the file to fix there. */
export function stageWebResources(builtWebResources: string, staging: string, source: string): string[] {
  const stagedRoot = join(staging, "WebResources");
  const built = listFiles(builtWebResources).filter((file) => !file.endsWith(DATA_XML));
  for (const file of built) {
    const metadata = join(stagedRoot, `${file}${DATA_XML}`);
    if (!existsSync(metadata)) {
      throw new BuildError(
        `built web resource has no metadata: add solution/src/WebResources/${file}${DATA_XML}`,
        join(builtWebResources, file),
      );
    }
    mkdirSync(dirname(join(stagedRoot, file)), { recursive: true });
    cpSync(join(builtWebResources, file), join(stagedRoot, file));
  }
  // Content may also live in source (an icon, say); a .data.xml with content nowhere is an error.
  for (const file of listFiles(stagedRoot).filter((f) => f.endsWith(DATA_XML))) {
    const content = file.slice(0, -DATA_XML.length);
    if (!existsSync(join(stagedRoot, content))) {
      throw new BuildError(
        `web resource has no content: expected ${join(builtWebResources, content)} from the build (or the file in source)`,
        join(source, "WebResources", file),
      );
    }
  }
  return built;
}
