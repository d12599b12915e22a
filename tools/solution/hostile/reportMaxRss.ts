/**
 * Preloaded into a child process (`node --import tsx --import <this file> …`) by the limit tests: when the
 * process exits it writes its peak resident set size, so the test measures the child, not itself.
 */
process.on("exit", () => {
  process.stderr.write(`\nMAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
