/**
 * Decoders never throw on untrusted bytes: they return a value or a WireError that names
 * the protocol and the byte offset (from the start of the buffer given to the decoder)
 * where the problem lies.
 */
export interface WireError {
  readonly protocol: string;
  readonly offset: number;
  readonly message: string;
}

export type Decoded<T> =
  | { readonly ok: true; readonly value: T; readonly bytesRead: number }
  | { readonly ok: false; readonly error: WireError };

export function ok<T>(value: T, bytesRead: number): Decoded<T> {
  return { ok: true, value, bytesRead };
}

export function fail<T = never>(protocol: string, offset: number, message: string): Decoded<T> {
  return { ok: false, error: { protocol, offset, message } };
}

/** One plain line, as the CLI prints it. */
export function formatWireError(e: WireError): string {
  return `${e.protocol}: ${e.message} (at byte ${e.offset})`;
}
