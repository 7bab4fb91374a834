/** One row of the benchmark table: a measurement of ours against a baseline run in the same command. */
export interface BenchSection {
  name: string;
  baseline: string;
  ours: string;
  ratio: number | null;
  target?: string;
  met?: boolean;
  notes?: string[];
}
