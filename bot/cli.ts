/**
 * The one line a failed command prints: the message of an error the desk expects (a bad
 * configuration, a locked or broken store), the stack of one it does not.
 */
export function failureLine(err: unknown): string {
  const expected = err instanceof Error && (err.name === 'ConfigError' || err.name.startsWith('Store'));
  return `${expected ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`;
}

/**
 * Runs a command-line entry point: its exit code is the process's, and a failure prints one line
 * (the message of an error the desk expects, such as a bad configuration or a locked store) or the
 * stack of one it does not, then exits 1. Shared by every `npm run` command but `start`.
 */
export function runCli(main: (argv: string[]) => Promise<number | void>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      process.stderr.write(failureLine(err));
      process.exit(1);
    },
  );
}
