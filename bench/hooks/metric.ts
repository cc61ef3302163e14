/** A single measured figure, or null with the reason in `note`. */
export interface Metric {
  value: number | null;
  unit: string;
  note: string;
}
