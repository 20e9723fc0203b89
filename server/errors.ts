/** A failure the runner can act on: a stable kebab-case code and a sentence about their data. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
