/**
 * The one error type the packager throws for bad input. `file` names the offending file (a zip, a path
 * inside the zip, or a path in the unpacked folder) so callers and the CLI can point the user at it.
 */
export class SolutionPackagerError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file && !message.includes(file) ? `${file}: ${message}` : message);
    this.name = "SolutionPackagerError";
  }
}
