// What every bench run does around its measurements, for both benches: read the command line (usage
// errors exit 2), keep a temporary folder, print progress lines, collect notes and failures, undo what
// it started in reverse order (also on Ctrl-C), keep the API's log when it matters, and print the
// table with its notes and failures (exit code 1 on a failure).
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, formatTable } from './bench-lib.mjs';

/**
 * The options of `npm run <script>` from this process's arguments and environment; prints `usage` and
 * exits 0 for --help, prints the problem and exits 2 for a bad command line.
 */
export function optionsOrExit(script, parse, usage) {
  let options;
  try {
    options = parse(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${script}: ${error.message}\nRun \`npm run ${script} -- --help\` for the options.\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return options;
}

export class BenchRun {
  /**
   * @param prefix names the temporary folder (`<tmp>/<prefix>-XXXXXX`) and the kept log (`<tmp>/<prefix>-api-<time>.log`)
   * @param settings { keepLog: keep the API's log even without a failure; failureDetail: 'full' prints a
   *   failure's every line as it happens, 'first-line' only its first (the summary at the end always has first lines) }
   */
  constructor(prefix, { keepLog = false, failureDetail = 'full' } = {}) {
    this.prefix = prefix;
    this.keepLog = keepLog;
    this.work = mkdtempSync(join(tmpdir(), `${prefix}-`));
    // As root, the embedded PostgreSQL runs as `postgres`, which must be able to pass through this folder.
    if (process.getuid?.() === 0) chmodSync(this.work, 0o711);
    this.apiLogPath = join(this.work, 'api.log');
    this.keptLog = null;
    /** Real failures: any of them makes the exit code 1. */
    this.failures = [];
    this.notes = [];
    /** Undo steps, run last first by cleanup(). */
    this.cleanups = [];
    this.say = (line) => process.stdout.write(`· ${line}\n`);
    this.fail = (message) => {
      this.failures.push(message);
      this.say(`FAILURE: ${failureDetail === 'full' ? message : message.split('\n')[0]}`);
    };
  }

  /** Runs the undo steps (a failing one is reported, the rest still run), keeps the API's log if wanted, removes the folder. */
  async cleanup() {
    while (this.cleanups.length) {
      const step = this.cleanups.pop();
      await Promise.resolve()
        .then(step)
        .catch((error) => this.say(`cleanup: ${error.message}`));
    }
    if ((this.failures.length || this.keepLog) && existsSync(this.apiLogPath)) {
      this.keptLog = join(tmpdir(), `${this.prefix}-api-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
      copyFileSync(this.apiLogPath, this.keptLog);
    }
    rmSync(this.work, { recursive: true, force: true });
  }

  /** Ctrl-C: clean up and exit 130; a second Ctrl-C exits at once. */
  cleanUpOnInterrupt() {
    let interrupted = false;
    process.on('SIGINT', () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      this.say('interrupted: stopping what the bench started…');
      this.cleanup().finally(() => process.exit(130));
    });
  }

  /**
   * The whole run: `main()` (what it throws is a failure, also handed to `onError`), the clean-up, then
   * the report of what `describe(main's result)` returns, { title, rows } (the result is undefined
   * when main threw).
   */
  async execute(main, describe, onError = () => undefined) {
    let value;
    try {
      value = await main();
    } catch (error) {
      this.fail(error.stack ?? error.message);
      onError(error);
    }
    await this.cleanup();
    const { title, rows } = describe(value);
    this.report(title, rows);
  }

  /** The title, the table, the notes and the failures; exit code 1 when anything failed. */
  report(title, rows) {
    process.stdout.write(`\n${title}\n\n`);
    process.stdout.write(`${formatTable(['', 'measured', 'target', 'notes / vs baseline'], rows)}\n`);
    if (this.notes.length) process.stdout.write(`\n${this.notes.map((n) => `- ${n}`).join('\n')}\n`);
    if (this.failures.length) {
      process.stdout.write(`\nFailures (exit 1):\n${this.failures.map((f) => `- ${f.split('\n')[0]}`).join('\n')}\n`);
      if (this.keptLog) process.stdout.write(`The API's log is kept in ${this.keptLog}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('\nNo failures (targets are reported, not asserted).\n');
    }
  }
}
