/**
 * Runs a command-line entry point: its exit code is the process's, and a failure prints one line
 * (the message of an error the desk expects, such as a bad configuration or a locked store) or the
 * stack of one it does not, then exits 1. Shared by every `npm run` command but `start`.
 */
export function runCli(main: (argv: string[]) => Promise<number | void>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      const expected = err instanceof Error && (err.name === 'ConfigError' || err.name.startsWith('Store'));
      process.stderr.write(`${expected ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
      process.exit(1);
    },
  );
}
