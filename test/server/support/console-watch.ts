/**
 * Records everything written through `console` in this test process (still printing it), so a file
 * can end with "no log line contained the secret". node:test runs each file in its own process.
 */
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const lines: string[] = [];
let installed = false;

export function watchConsole(): { text(): string } {
  if (!installed) {
    installed = true;
    for (const method of methods) {
      const original = console[method].bind(console);
      console[method] = (...args: unknown[]) => {
        lines.push(
          args
            .map((arg) => (arg instanceof Error ? `${arg.stack ?? ''} ${String(arg.cause ?? '')}` : String(arg)))
            .join(' '),
        );
        original(...args);
      };
    }
  }
  return { text: () => lines.join('\n') };
}
