/**
 * Reading cell values in requests whose responses stay under Excel on the web's 5 MB limit.
 *
 * The size of a response is not known before it arrives (a cell may hold 1 byte or 32,767 characters), so the
 * reader sizes each request from what earlier responses weighed: it starts from a guess per cell, measures every
 * response, and sizes the next request to READ_BUDGET_BYTES at the heaviest rate seen so far. A response that is
 * still refused (ResponsePayloadSizeLimitExceeded) is asked for again in quarters; loads change nothing, so a
 * retry is safe whichever way Excel counts. The number of requests follows the bytes read, never the row count
 * as such, and several small ranges share one request.
 */
import type { CellValue } from "../model";
import { officeErrorCode } from "./host";
import { jsonBytes } from "./result-tables";

/** Bytes of values a read may bring back in one response (the 5 MB limit less a margin for Office.js's envelope). */
export const READ_BUDGET_BYTES = 4_000_000;
/** The first guess of bytes per cell, before any response was measured. */
const FIRST_GUESS_BYTES_PER_CELL = 48;

/** A block of cells to read: row and column indexes on a sheet that exists. */
export interface ValueBlock {
  sheet: Excel.Worksheet;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** Something else to load in the first request, so it costs no sync of its own. */
export type AlongsideFirstRequest = () => void;

interface Piece {
  block: number;
  start: number;
  rows: number;
  range?: Excel.Range;
}

/**
 * The values of every block, in order. `alongside` queues further loads (e.g. conditional-format rules) that
 * ride in the first request. Returns how many requests (syncs) it took.
 */
export async function readValueBlocks(
  context: Excel.RequestContext,
  blocks: readonly ValueBlock[],
  alongside?: AlongsideFirstRequest,
  budget = READ_BUDGET_BYTES,
): Promise<{ values: CellValue[][][]; requests: number }> {
  const values: CellValue[][][] = blocks.map(() => []);
  const next = blocks.map(() => 0);
  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
  let measured = false;
  let requests = 0;
  let pendingAlongside = alongside;
  let current = 0;
  const skipDone = () => {
    while (current < blocks.length && next[current] >= blocks[current].rowCount) current++;
  };

  for (skipDone(); current < blocks.length || pendingAlongside; skipDone()) {
    // Plan one request: pieces of consecutive blocks up to the budget at the current rate.
    const pieces: Piece[] = [];
    let room = budget;
    for (let b = current; b < blocks.length && room > 0; b++) {
      const block = blocks[b];
      const left = block.rowCount - next[b];
      if (left <= 0) continue;
      const rowBytes = Math.max(1, bytesPerCell * block.columnCount);
      const rows = Math.min(left, Math.max(pieces.length === 0 ? 1 : 0, Math.floor(room / rowBytes)));
      if (rows === 0) break;
      pieces.push({ block: b, start: next[b], rows });
      room -= rows * rowBytes;
      if (rows < left) break;
    }
    for (const piece of pieces) {
      const block = blocks[piece.block];
      piece.range = block.sheet
        .getRangeByIndexes(block.row + piece.start, block.column, piece.rows, block.columnCount)
        .load("values");
    }
    pendingAlongside?.();
    try {
      // One request per READ_BUDGET_BYTES of values: the count follows the bytes read, not the rows.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (officeErrorCode(error) !== "ResponsePayloadSizeLimitExceeded") throw error;
      const single = pieces.length === 1 && pieces[0].rows === 1;
      if (single) throw error; // one row over 5 MB: nothing smaller can be asked for
      // Ask again for a quarter as much: the loads changed nothing.
      bytesPerCell *= 4;
      requests++;
      continue;
    }
    requests++;
    pendingAlongside = undefined;
    let received = 0;
    let cells = 0;
    for (const piece of pieces) {
      const rows = (piece.range as Excel.Range).values as CellValue[][];
      for (const row of rows) values[piece.block].push(row);
      received += jsonBytes(rows);
      cells += piece.rows * blocks[piece.block].columnCount;
      next[piece.block] += piece.rows;
    }
    if (cells > 0) {
      // The heaviest rate seen so far, with a quarter more for what the next rows may hold.
      const rate = (received / cells) * 1.25;
      bytesPerCell = measured ? Math.max(bytesPerCell, rate) : rate;
      measured = true;
    }
  }
  return { values, requests };
}
