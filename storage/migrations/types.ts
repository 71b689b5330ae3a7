/** Shape of one schema migration. */
export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  /** DDL statements run in order; `{db}` stands for the quoted database. Each must be idempotent (IF NOT EXISTS). */
  statements: string[];
}
