export interface BenchSection {
  name: string;
  baseline: string;
  ours: string;
  ratio: number | null;
  target?: string;
  met?: boolean;
  notes?: string[];
}
