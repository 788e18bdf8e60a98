/** One `mlsec` subcommand: its help text and its entry point, which returns the exit code. */
export type TCommand = {
  name: string;
  summary: string;
  help: string;
  run: (argv: string[]) => Promise<number>;
};
