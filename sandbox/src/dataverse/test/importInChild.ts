/**
 * Run in a child process by the import limit tests (`node --import tsx --import …/reportMaxRss.ts
 * importInChild.ts <zip>`): starts an in-memory stand-in, sends the zip to ImportSolution as the admin,
 * and prints one JSON line with the answer and what the environment holds afterwards, so the test can
 * check the refusal, that nothing was written, and the child's peak memory.
 */
import { readFileSync } from "node:fs";
import { startDataverse } from "../server";

async function main(zipFile: string): Promise<void> {
  const server = await startDataverse({ dbFile: ":memory:", port: 0 });
  const started = Date.now();
  try {
    const answer = await fetch(`${server.apiUrl}ImportSolution`, {
      method: "POST",
      headers: { Authorization: "Bearer admin", "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        CustomizationFile: readFileSync(zipFile).toString("base64"),
        OverwriteUnmanagedCustomizations: true,
        PublishWorkflows: true,
        ImportJobId: "00000000-0000-4000-8000-0000000000aa",
      }),
    });
    const text = await answer.text();
    const seconds = (Date.now() - started) / 1000;
    const count = (table: string) => (server.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const error = text ? (JSON.parse(text) as { error?: { code: string; message: string } }).error : undefined;
    process.stdout.write(
      `${JSON.stringify({ status: answer.status, error, seconds, solutions: count("dv_solution"), webresources: count("dv_webresource"), roles: count("dv_role") })}\n`,
    );
  } finally {
    await server.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
