/**
 * The benchmark runner: runs bench sections and prints one table of each measurement against a
 * baseline run in the same command on the same machine, then writes it to bench/results.md.
 *
 *   npm run bench                      full scale (aim ≤ 15 min)
 *   npm run bench -- --quick           small sizes (≤ 2 min)
 *   npm run bench -- events national   only these section files (names from BENCH_MODULES)
 *
 * Each module exports `run(options): Promise<BenchSection[]>` and cleans up what it creates.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fmt } from './baselines';
import type { BenchSection } from './section';

/** The section files, in running order; one missing (not merged yet) is skipped. */
export const BENCH_MODULES = ['events.bench', 'http.bench', 'national.bench', 'alarms.bench', 'relay.bench', 'rebuild.bench'];

type Scale = 'full' | 'quick';
type BenchModule = { run?: (options: { scale: Scale }) => Promise<BenchSection[]> };

const TIME_LIMIT_MS = 30 * 60_000;
const COMMAND = 'npm run bench';

function parseArgs(argv: string[]): { scale: Scale; only: string[] } {
  const scale: Scale = argv.includes('--quick') ? 'quick' : 'full';
  const only = argv.filter((a) => !a.startsWith('--')).map((a) => a.replace(/^bench\//, '').replace(/\.ts$/, ''));
  const unknown = only.filter((name) => !BENCH_MODULES.includes(name) && !BENCH_MODULES.includes(`${name}.bench`));
  if (unknown.length > 0) throw new Error(`unknown bench section(s) ${unknown.join(', ')}; known: ${BENCH_MODULES.join(', ')}`);
  return { scale, only: only.map((name) => (name.endsWith('.bench') ? name : `${name}.bench`)) };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One markdown table (measurement | baseline | ours | ratio | target | met) and the sections' notes below it. */
export function table(sections: BenchSection[]): string {
  const rows = sections.map(
    (s, i) =>
      `| ${i + 1}. ${cell(s.name)} | ${cell(s.baseline)} | ${cell(s.ours)} | ${s.ratio === null ? '–' : fmt(s.ratio)} | ` +
      `${cell(s.target ?? '–')} | ${s.met === undefined ? '–' : s.met ? 'yes' : '**no**'} |`,
  );
  const notes = sections.flatMap((s, i) => (s.notes ?? []).map((note) => `- ${i + 1}: ${note}`));
  return [
    '| measurement | baseline | ours | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const { scale, only } = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} min, giving up (scratch databases/keys may remain)`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  watchdog.unref();

  // Other work on the machine skews both sides alike: the ratios matter more than the absolutes.
  const loadAtStart = loadavg();
  const started = Date.now();
  const sections: BenchSection[] = [];
  const failures: string[] = [];
  for (const name of BENCH_MODULES) {
    if (only.length > 0 && !only.includes(name)) continue;
    if (!existsSync(join(__dirname, `${name}.ts`))) {
      console.log(`bench: ${name} not present, skipped`);
      continue;
    }
    const module = (await import(join(__dirname, name))) as BenchModule;
    if (typeof module.run !== 'function') {
      console.log(`bench: ${name} has no run(options) export, skipped`);
      continue;
    }
    console.log(`bench: ${name} (${scale})…`);
    const sectionStarted = Date.now();
    try {
      sections.push(...(await module.run({ scale })));
    } catch (error) {
      // One broken section must not hide the others' figures.
      console.error(`bench: ${name} failed`, error);
      failures.push(name);
      sections.push({ name: `${name} (failed)`, baseline: '–', ours: String((error as Error).message ?? error), ratio: null, met: false });
    }
    console.log(`bench: ${name} took ${fmt((Date.now() - sectionStarted) / 1000)} s`);
  }

  const output = table(sections);
  console.log(`\n${output}`);
  const machine =
    `${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ` +
    `load average ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min) at start, ${loadavg()[0].toFixed(2)} at end`;
  const args = process.argv.slice(2);
  const header = [
    '# Benchmarks',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machine}`,
    `- command: \`${COMMAND}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\` (${scale} scale, ${fmt((Date.now() - started) / 60_000)} min)`,
    '',
  ].join('\n');
  writeFileSync(join(__dirname, 'results.md'), `${header}\n${output}\n`);
  if (failures.length > 0) throw new Error(`bench: section(s) failed: ${failures.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
