/** What `dofs` exits with, so that scripts can tell outcomes apart. Documented in apps/cli/README.md. */
export const EXIT = {
  OK: 0,
  /** The API refused (4xx), or not every order of a load run was accepted. */
  REJECTED: 1,
  /** Unknown command or flag, or a flag value that makes no sense. */
  USAGE: 2,
  /** No local system found, or a table or queue name is missing in remote mode. */
  CONFIG: 3,
  /** `order wait` (or `--wait`) ran out of time. */
  TIMEOUT: 4,
  /** No answer, or a 5xx, from the API or from AWS. */
  UNAVAILABLE: 5,
  /** The order waited for ended FAILED. */
  ORDER_FAILED: 6,
  /** `dofs smoke`: at least one check failed. */
  SMOKE_FAILED: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
