/** A build failure the user can act on: which file and what is wrong with it. */
export class BuildError extends Error {
  constructor(
    readonly problem: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${problem}` : problem);
    this.name = "BuildError";
  }
}
