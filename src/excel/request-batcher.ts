/** Write requests up to a byte budget, shared by the model's writes (write.ts) and the analysis' (write-analysis.ts). */

/** Estimated request bytes of one small action (a format, a name, a chart property). */
export const SMALL_ACTION_BYTES = 300;

/** Fills requests up to the budget; each request starts by suspending calculation until it is synced. */
export class RequestBatcher {
  requests = 0;
  private bytes = 0;
  private pending = false;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
  ) {
    this.begin();
  }
  private begin(): void {
    this.context.application.suspendApiCalculationUntilNextSync();
    this.bytes = SMALL_ACTION_BYTES;
    this.pending = false;
  }
  /** Bytes still free in the current request. */
  remaining(): number {
    return this.budget - this.bytes;
  }
  /** Makes room for an action of `bytes`, syncing first when the current request would overflow. */
  async room(bytes: number): Promise<void> {
    if (this.pending && this.bytes + bytes > this.budget) await this.flush();
    this.bytes += bytes;
    this.pending = true;
  }
  private async flush(last = false): Promise<void> {
    await this.context.sync();
    this.requests++;
    if (!last) this.begin();
  }
  async finish(): Promise<void> {
    await this.flush(true);
  }
}
