import type { ScenarioResult } from '../tests/parity/support/scenario';

export const RESULTS_FILE: string;
export function renderFidelityTable(results: readonly ScenarioResult[]): string;
export function readTableSection(readme: string): string | undefined;
