/**
 * A small closed-loop HTTP load generator: `concurrency` clients on keep-alive connections, each
 * sending its next request as soon as the last one answered, for a fixed time. It runs in a worker
 * thread (plain JavaScript, node:http) so that its own work does not sit on the event loop of the
 * app under test, which runs in the main thread. While it runs it can sample pg_stat_activity of
 * one database every 20 ms: how many backends wait on a lock, and on what.
 */
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: object;
}

export interface LoadOptions {
  /** http://127.0.0.1:port */
  origin: string;
  headers: Record<string, string>;
  /** Client i sends requests[i] in turn, round and round. */
  requests: LoadRequest[][];
  expectedStatus: number;
  warmupSeconds: number;
  seconds: number;
  /** Sample this database's backends during the measured part. */
  sampleDatabaseUrl?: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with another status (the first few kept for the report). */
  errors: number;
  firstErrors: string[];
  /** Mean over the samples of backends waiting on a Lock, and the mean per "wait event on relation". */
  lockWaits?: { samples: number; meanWaiting: number; byRelation: Record<string, number> };
}

const WORKER = String.raw`
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');

const o = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: o.requests.length });

function send(req) {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers = { ...o.headers };
    if (body !== undefined) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(body); }
    const r = http.request(o.origin + req.path, { method: req.method, agent, headers, timeout: 30000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error('timed out')));
    r.on('error', reject);
    r.end(body);
  });
}

// What a waiting statement waits for: the relation of its ungranted lock, or else the table it names.
const SAMPLE = "SELECT a.wait_event, (SELECT string_agg(DISTINCT l.relation::regclass::text, ',') FROM pg_locks l " +
  "WHERE l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL) AS relation, " +
  "substring(a.query from '(?:FROM|UPDATE|INTO)\\s+\"?([a-z_]+)') AS named " +
  "FROM pg_stat_activity a WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'";

async function sampler(stop) {
  if (!o.sampleDatabaseUrl) return undefined;
  const { Client } = require('pg');
  const client = new Client({ connectionString: o.sampleDatabaseUrl });
  await client.connect();
  let samples = 0, waiting = 0;
  const byRelation = {};
  try {
    while (!stop.done) {
      const started = Date.now();
      const { rows } = await client.query(SAMPLE);
      samples++;
      waiting += rows.length;
      for (const row of rows) {
        const key = row.wait_event + ' on ' + (row.relation || row.named || 'unknown');
        byRelation[key] = (byRelation[key] || 0) + 1;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - (Date.now() - started))));
    }
  } finally {
    await client.end();
  }
  for (const key of Object.keys(byRelation)) byRelation[key] /= Math.max(samples, 1);
  return { samples, meanWaiting: waiting / Math.max(samples, 1), byRelation };
}

async function main() {
  const latencies = [];
  let errors = 0;
  const firstErrors = [];
  let measuring = false;
  const warmupEnd = Date.now() + o.warmupSeconds * 1000;
  const end = warmupEnd + o.seconds * 1000;
  async function client(list) {
    for (let i = 0; Date.now() < end; i++) {
      const req = list[i % list.length];
      const started = performance.now();
      let outcome;
      try { outcome = await send(req); } catch (e) { outcome = { status: 0, body: String(e && e.message) }; }
      const ms = performance.now() - started;
      if (Date.now() < warmupEnd || Date.now() > end) continue;
      latencies.push(ms);
      if (outcome.status !== o.expectedStatus) {
        errors++;
        if (firstErrors.length < 3) firstErrors.push(req.method + ' ' + outcome.status + ' ' + outcome.body.slice(0, 200));
      }
    }
  }
  const stop = { done: false };
  const clients = Promise.all(o.requests.map(client));
  await new Promise((r) => setTimeout(r, o.warmupSeconds * 1000));
  const measuredFrom = performance.now();
  const sampling = sampler(stop);
  await clients;
  stop.done = true;
  const elapsed = (performance.now() - measuredFrom) / 1000;
  const lockWaits = await sampling;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  parentPort.postMessage({
    requests: latencies.length, requestsPerSecond: latencies.length / elapsed,
    p50Ms: at(0.5), p99Ms: at(0.99), errors, firstErrors, lockWaits,
  });
}
main().catch((e) => { throw e; });
`;

/** Runs the load in a worker thread and resolves with its figures. */
export function generateLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: options });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
  });
}
