import { Worker } from 'node:worker_threads';

const PDF_TIMEOUT_MS = 30_000;
const PDF_HEAP_MB = 256;

/**
 * Runs in a worker thread: unpdf (PDF.js) loads its bundle with a dynamic import, which works in
 * plain Node but not inside jest's module sandbox; the thread also keeps a hostile or huge PDF
 * from blocking the event loop or exhausting the server's memory (time and heap limits).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { extractText, getDocumentProxy } = require(workerData.unpdf);
(async () => {
  const pdf = await getDocumentProxy(workerData.bytes, { verbosity: 0 });
  const { text } = await extractText(pdf, { mergePages: true });
  parentPort.postMessage({ text });
})().catch((error) => parentPort.postMessage({ error: String((error && error.name) || 'error') }));
`;

/** The text of a PDF (all pages); rejects with an Error whose message says why it could not be read. */
export function pdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const data = new Uint8Array(bytes.length);
    data.set(bytes);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { unpdf: require.resolve('unpdf'), bytes: data },
      transferList: [data.buffer],
      resourceLimits: { maxOldGenerationSizeMb: PDF_HEAP_MB },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new Error('timed out'))), PDF_TIMEOUT_MS);
    worker.once('message', (message: { text?: string; error?: string }) =>
      finish(() =>
        typeof message.text === 'string' ? resolve(message.text) : reject(new Error(`PDF could not be parsed (${message.error})`)),
      ),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() => reject(new Error(`PDF reader failed (${error.code ?? error.name})`))),
    );
    worker.once('exit', () => finish(() => reject(new Error('PDF reader stopped'))));
  });
}
