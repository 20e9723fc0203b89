/**
 * At most `concurrent` uploads at once; up to `queued` more wait (their bodies unread) for `waitMs`, and
 * any beyond are told to come back: memory, disk writes and parse workers stay bounded however many clients send.
 */
export class UploadSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
    private readonly waitMs: number,
  ) {}

  /** Resolves to the release of a slot, or null when the queue is full or the wait ran out. */
  take(): Promise<(() => void) | null> {
    if (this.active < this.concurrent) return Promise.resolve(this.grant());
    if (this.waiting.length >= this.queued) return Promise.resolve(null);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(this.grant());
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      }, this.waitMs);
      this.waiting.push(wake);
    });
  }

  busyMessage(): string {
    return `The server is importing ${this.concurrent} uploads already and ${this.waiting.length} more wait; try again in a moment.`;
  }

  private grant(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}
