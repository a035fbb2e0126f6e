/** A row of an imported table: its cells as text, and the line (CSV) or row number (worksheet) a person finds it at. */
export interface TableRow {
  line: number;
  cells: string[];
}
