/** A line of the start-up table saying how this run differs from its AWS configuration. */
export interface Notice {
  readonly label: string;
  readonly text: string;
}
