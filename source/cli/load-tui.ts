/**
 * Loads the full-screen TUI. Ink renders nothing until exit when it believes it runs under
 * CI (the is-in-ci check, made when Ink loads): a CI variable left in a learner's shell
 * must not blank their screen. Callers load the TUI only for a person at a terminal, so
 * the markers are cleared first.
 */
export async function loadTui(): Promise<typeof import('../ui/run.js')> {
  for (const key of Object.keys(process.env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
  }
  return import('../ui/run.js');
}
