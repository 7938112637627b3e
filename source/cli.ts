// The executable. Thin on purpose: parse, dispatch, and turn any escaped error into one
// plain line and a non-zero exit, never a stack trace.
import { t } from './i18n/messages.js';
import { langFromEnv } from './i18n/text.js';
import { main } from './cli/main.js';

// `tcp-tutor list | head`: a reader that stops early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${t(langFromEnv(process.env), 'internalError', { message })}\n`);
  if (process.env.TCP_TUTOR_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
  process.exitCode = 70; // EX_SOFTWARE (sysexits.h)
}
