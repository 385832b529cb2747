/** Where a command writes: injected, so that tests read what a person would see. */
export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stdin?: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => unknown;
  readonly align?: 'left' | 'right';
  /** Longer values are cut with an ellipsis. */
  readonly maxWidth?: number;
}

const text = (value: unknown): string =>
  value === undefined || value === null ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value);

const cut = (value: string, width: number | undefined) =>
  width !== undefined && value.length > width ? `${value.slice(0, Math.max(0, width - 1))}…` : value;

/** A plain-text table: a header, a rule, one line per row, columns padded to their widest cell. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => cut(text(c.value(row)).replace(/\s+/g, ' '), c.maxWidth)));
  const layout = columns.map((c, i) => ({
    align: c.align ?? 'left',
    width: Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)),
  }));
  const line = (values: readonly string[]) =>
    layout
      .map(({ align, width }, i) => {
        const value = values[i] ?? '';
        return align === 'right' ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(layout.map(({ width }) => '-'.repeat(width))), ...cells.map(line)].join('\n') + '\n';
}

/** `key  value` lines, keys padded, for one record. */
export function renderFields(fields: readonly (readonly [string, unknown])[]): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${k.padEnd(width)}  ${text(v)}`).join('\n') + '\n';
}

export const printJson = (io: Io, value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/**
 * A one-line progress bar redrawn in place on a terminal's stderr; on anything else (a pipe, a
 * CI log) it writes nothing, so that stdout and logs stay clean.
 */
export class ProgressBar {
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(
    private readonly io: Io,
    private readonly total: number,
    enabled = true,
  ) {
    this.enabled = enabled && io.stderr.isTTY === true;
  }

  update(done: number, suffix = '', force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 80) return;
    this.lastDraw = now;
    this.io.stderr.write(`\r${progressLine(done, this.total, suffix, this.io.stderr.columns ?? 80)}\u001b[K`);
  }

  finish(): void {
    if (this.enabled) this.io.stderr.write('\n');
  }
}

export function progressLine(done: number, total: number, suffix: string, columns: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const counts = `${done}/${total} ${String(Math.floor(ratio * 100)).padStart(3)}%`;
  const barWidth = Math.max(10, Math.min(40, columns - counts.length - suffix.length - 6));
  const filled = Math.round(ratio * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${counts}${suffix ? `  ${suffix}` : ''}`;
}
