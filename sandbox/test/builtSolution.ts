import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { managedSolutionZip, repoRoot } from "../src/start/paths";
import { hasWebhookHost } from "../src/start/webhookHost";

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Why a test over the built managed zip cannot run here (null when it can): the zip must exist and be
 * newer than solution/src (`npm run build`), and, when asked, the plugins-ts host must be there.
 */
export function whyBuiltSolutionMissing(options: { webhook: boolean }): string | null {
  if (options.webhook && !hasWebhookHost()) return "the plugins-ts webhook host (npm run webhook) is missing";
  if (!existsSync(managedSolutionZip)) return `${managedSolutionZip} is missing (npm run build)`;
  if (statSync(managedSolutionZip).mtimeMs < newestFile(join(repoRoot, "solution", "src"))) {
    return `${managedSolutionZip} is older than solution/src (npm run build)`;
  }
  return null;
}
