/**
 * The part of a Web Worker the pane and the custom functions use, typed by the messages it takes and sends: a real
 * Worker (cast once where it is created), or a stand-in in tests. postMessage may hand over array buffers rather
 * than copy them.
 */
export interface TypedWorker<Request, Reply> {
  postMessage(message: Request, transfer?: ArrayBuffer[]): void;
  terminate(): void;
  onmessage: ((event: { data: Reply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
