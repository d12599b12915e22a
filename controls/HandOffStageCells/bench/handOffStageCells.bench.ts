/**
 * `npm run bench` — HandOffStageCells (issue 17):
 * 1. size of its production bundle.js, raw and gzip, against the goal of ≤ 8,000 bytes, printed beside the
 *    provenance control's bundle.js (both built by the one `npm run build:controls`, rebuilt first when missing or
 *    older than the sources); React and Fluent are platform libraries, not in either;
 * 2. the cost per grid row of the badge's derivation (core's provenance timeline) in Node, for scale.
 * Prints `BENCH {json}` lines; measures, never asserts.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { report, sizeAgainstGoal } from "../../../tools/benchReport";
import { ensureControlsBuilt } from "../../../tools/build/buildControls";
import { handOffBadge } from "../src/handOffStage";
import { customersSyncing, now, openLead, qualifiedLead, won } from "../test/rows";

const repoRoot = resolve(__dirname, "../../..");
const GoalBytes = 8_000;
const built = (control: string) => join(repoRoot, "out", "controls", control, "bundle.js");

ensureControlsBuilt(repoRoot);
const bundle = readFileSync(built("HandOffStageCells"));
const provenance = readFileSync(built("DualWriteProvenance"));
report(
  "HandOffStageCells bundle.js (production), beside DualWriteProvenance's",
  {
    ...sizeAgainstGoal(bundle, GoalBytes),
    provenanceBytes: provenance.length,
    provenanceGzipBytes: gzipSync(provenance).length,
  },
  "pcf-scripts build --buildMode production; gzip at zlib's default level; React 16.14.0 and Fluent 8.121.1 are platform libraries (externals); the badge's derivation is core/src/provenance, shared with the provenance control",
);

const rows = [openLead(), customersSyncing(0.1), qualifiedLead(3), won(192350000), won(192350001)];
for (let i = 0; i < 2000; i++) handOffBadge(rows[i % rows.length], now);
const runs = 50_000;
const start = performance.now();
for (let i = 0; i < runs; i++) handOffBadge(rows[i % rows.length], now);
report("hand-off badge derivation per grid row (Node)", { microsecondsPerRow: Number((((performance.now() - start) * 1000) / runs).toFixed(2)), runs }, "parseProvenanceRows + deriveProvenance + review deadline over five rows at different stages");
