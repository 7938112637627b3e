// The one test for "English pasted into Korean": three English words in a row, outside what
// a Korean sentence quotes as it is (code spans, “quoted” payloads, "quoted" or 'quoted'
// names and values) and outside a tcpdump summary (`a.1 > b.2: …`). Protocol, field, flag
// and state names stand alone in Korean text, so they never make three words in a row.

/** The runs of three or more English words in `line`, outside quotes, code and tcpdump lines. */
export function englishRuns(line: string): string[] {
  const prose = line
    .replace(/`[^`]*`|“[^”]*”?|"[^"]*"|'[^']*'/g, ' ')
    .replace(/\S+ > \S+:.*$/, ' ');
  return prose.match(/\b[a-z][a-z'-]+(?:[ ,]+[a-z][a-z'-]+){2,}\b/g) ?? [];
}
